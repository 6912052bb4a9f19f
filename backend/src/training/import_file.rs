//! Reading a trainee import file (Z-II.1): the first sheet of an XLSX workbook, or a CSV in
//! UTF-8 (with or without BOM) or GB18030 (what spreadsheet programs in China save). The header
//! row names the columns, in any order, in Chinese or by their wire names. Writing the template.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// At most this many data rows per file.
pub const MAX_ROWS: usize = 20_000;

/// The columns, in template order: (wire name, Chinese header, accepted alternatives).
const COLUMNS: [(&str, &str, &[&str]); 6] = [
    ("name", "姓名", &[]),
    ("id_card_no", "身份证号", &["身份证号码", "身份证"]),
    ("phone", "手机号", &["手机号码", "手机", "电话"]),
    ("trainee_type", "学员类型", &["人员类型"]),
    ("enterprise", "所属企业", &["企业", "工作单位", "单位"]),
    ("education", "文化程度", &["学历"]),
];

/// One data row as written in the file (the line is the row number, header = 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRow {
    pub line: u32,
    pub name: String,
    pub id_card_no: String,
    pub phone: String,
    pub trainee_type: String,
    pub enterprise: String,
    pub education: String,
}

fn bad_file(zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::invalid("file", zh, en)
}

/// A spreadsheet cell as text: whole numbers without a decimal point (phones saved as numbers).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Which input column holds each of [`COLUMNS`]; every one must be present.
fn column_map(header: &[String]) -> Result<[usize; 6], AppError> {
    let mut map = [usize::MAX; 6];
    for (i, (wire, zh, others)) in COLUMNS.iter().enumerate() {
        let found = header.iter().position(|h| {
            let h = h
                .trim()
                .trim_start_matches('\u{feff}')
                .trim_end_matches(['*', '＊']);
            h == *wire || h == *zh || others.contains(&h)
        });
        map[i] = found.ok_or_else(|| {
            bad_file(
                format!("缺少“{zh}”列：请使用下载的模板"),
                format!("the `{wire}` ({zh}) column is missing: use the downloadable template"),
            )
        })?;
    }
    Ok(map)
}

fn rows_of(lines: impl Iterator<Item = (u32, Vec<String>)>) -> Result<Vec<RawRow>, AppError> {
    let mut lines = lines.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, header)) = lines.next() else {
        return Err(bad_file("文件是空的", "the file is empty"));
    };
    let map = column_map(&header)?;
    let mut rows = Vec::new();
    for (line, cells) in lines {
        if rows.len() == MAX_ROWS {
            return Err(bad_file(
                format!("一次最多导入 {MAX_ROWS} 行"),
                format!("at most {MAX_ROWS} rows per file"),
            ));
        }
        let at = |i: usize| {
            cells
                .get(map[i])
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        rows.push(RawRow {
            line,
            name: at(0),
            id_card_no: at(1),
            phone: at(2),
            trainee_type: at(3),
            enterprise: at(4),
            education: at(5),
        });
    }
    if rows.is_empty() {
        return Err(bad_file(
            "文件中没有学员数据",
            "the file holds no trainee rows",
        ));
    }
    Ok(rows)
}

fn xlsx(bytes: Vec<u8>) -> Result<Vec<RawRow>, AppError> {
    let unreadable = |_| bad_file("无法读取该 XLSX 文件", "cannot read this XLSX file");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad_file("工作簿中没有工作表", "the workbook has no sheet"))?
        .map_err(unreadable)?;
    let first = range.start().map_or(0, |(row, _)| row);
    rows_of(
        range
            .rows()
            .enumerate()
            .map(|(i, row)| (first + i as u32 + 1, row.iter().map(cell_text).collect())),
    )
}

fn csv(bytes: &[u8]) -> Result<Vec<RawRow>, AppError> {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(utf8) => utf8.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            bad_file(
                format!("CSV 第 {} 行格式错误", i + 1),
                format!("CSV row {} is malformed: {e}", i + 1),
            )
        })?;
        lines.push((i as u32 + 1, record.iter().map(str::to_owned).collect()));
    }
    rows_of(lines.into_iter())
}

/// The rows of an uploaded file, by its name's ending (or, for XLSX, its ZIP signature).
pub fn read(file_name: &str, bytes: Vec<u8>) -> Result<Vec<RawRow>, AppError> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
        xlsx(bytes)
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") {
        csv(&bytes)
    } else {
        Err(bad_file(
            "只支持 .xlsx 或 .csv 文件",
            "only .xlsx and .csv files can be imported",
        ))
    }
}

/// The template: headers, one example row, and the accepted trainee types and education levels.
pub fn template_xlsx(trainee_types: &[String], education: &[&str]) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("学员")?;
    for (col, (_, zh, _)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col)?;
        sheet.write_string(0, col, *zh)?;
        sheet.set_column_width(col, 20)?;
    }
    for (col, value) in example_row(trainee_types).iter().enumerate() {
        sheet.write_string(1, u16::try_from(col)?, value.as_str())?;
    }
    let help = book.add_worksheet().set_name("填写说明")?;
    help.write_string(0, 0, "学员类型（填名称或代码）")?;
    for (row, t) in trainee_types.iter().enumerate() {
        help.write_string(u32::try_from(row)? + 1, 0, t.as_str())?;
    }
    help.write_string(0, 1, "文化程度")?;
    for (row, e) in education.iter().enumerate() {
        help.write_string(u32::try_from(row)? + 1, 1, *e)?;
    }
    help.write_string(0, 2, "身份证号、手机号请设为文本格式，所属企业可留空")?;
    help.set_column_width(0, 24)?;
    help.set_column_width(1, 20)?;
    Ok(book.save_to_buffer()?)
}

fn example_row(trainee_types: &[String]) -> [String; 6] {
    [
        "张三".into(),
        "11010519491231002X".into(),
        "13800000000".into(),
        trainee_types.first().cloned().unwrap_or_default(),
        String::new(),
        "高中/中专/技校".into(),
    ]
}

/// The CSV template (UTF-8 with BOM, so spreadsheet programs open it in Chinese).
pub fn template_csv(trainee_types: &[String]) -> Vec<u8> {
    let header: Vec<&str> = COLUMNS.iter().map(|(_, zh, _)| *zh).collect();
    let mut text = String::from("\u{feff}");
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    text.push_str(&example_row(trainee_types).join(","));
    text.push_str("\r\n");
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types() -> Vec<String> {
        vec!["城镇登记失业人员".into()]
    }

    #[test]
    fn the_templates_read_back_as_one_example_row() {
        let csv_rows = read("t.csv", template_csv(&types()));
        let xlsx_rows = template_xlsx(&types(), &["初中"])
            .map_err(|e| e.to_string())
            .and_then(|bytes| read("t.xlsx", bytes).map_err(|e| e.to_string()));
        for rows in [csv_rows.map_err(|e| e.to_string()), xlsx_rows] {
            let rows = rows.unwrap_or_default();
            assert_eq!(rows.len(), 1);
            assert_eq!(rows[0].line, 2);
            assert_eq!(rows[0].id_card_no, "11010519491231002X");
            assert_eq!(rows[0].trainee_type, "城镇登记失业人员");
        }
    }

    #[test]
    fn columns_go_by_header_in_any_order_and_gb18030_is_understood() {
        let text = "手机号码,姓名,学历,身份证号码,学员类型,单位\r\n13800000001,李四,本科,110105194912310029,graduate,\r\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let rows = read("名单.csv", gbk.into_owned()).unwrap_or_default();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].name.as_str(), rows[0].phone.as_str()),
            ("李四", "13800000001")
        );
        assert_eq!(rows[0].education, "本科");
    }

    #[test]
    fn a_missing_column_or_an_unknown_format_is_refused_naming_the_file() {
        for (name, bytes) in [
            (
                "a.csv",
                "姓名,手机号\r\n张三,13800000001\r\n".as_bytes().to_vec(),
            ),
            ("a.pdf", b"%PDF-1.4".to_vec()),
            ("a.csv", Vec::new()),
        ] {
            assert!(
                matches!(read(name, bytes), Err(AppError::Invalid { field, .. }) if field == "file"),
                "{name}"
            );
        }
    }

    #[test]
    fn numbers_in_cells_lose_no_digits_and_no_decimal_point() {
        assert_eq!(cell_text(&Data::Float(13800000001.0)), "13800000001");
        assert_eq!(cell_text(&Data::Int(42)), "42");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
