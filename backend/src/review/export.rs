//! The review-record files (T-7.2.7k): CSV (UTF-8 with a BOM so that Excel reads the Chinese,
//! RFC 4180 quoting, CRLF) and XLSX (bold header, set column widths). Both have the same columns
//! with Chinese headers and the English in parentheses; times are text in the tenant's time zone.

use rust_xlsxwriter::{Format, Workbook};
use shared_types::catalog::RevisionStatus;

use super::records::Record;
use crate::error::AppError;

const HEADERS: [&str; 10] = [
    "时间 (Time)",
    "课程编号 (Course number)",
    "课程名称 (Course name)",
    "课程类型 (Course kind)",
    "修订版本 (Revision)",
    "操作 (Action)",
    "原状态 (From status)",
    "新状态 (To status)",
    "操作人 (Actor)",
    "说明 (Note)",
];

/// XLSX column widths, in characters.
const WIDTHS: [f64; 10] = [20.0, 22.0, 32.0, 12.0, 10.0, 14.0, 12.0, 12.0, 16.0, 60.0];

fn status_label(status: Option<&str>) -> String {
    status.map_or_else(String::new, |s| {
        RevisionStatus::parse(s).map_or_else(|| s.to_owned(), |st| st.label_zh().to_owned())
    })
}

fn cells(record: &Record) -> [String; 10] {
    let e = &record.event;
    [
        record.local_time.clone(),
        e.course_no.clone(),
        e.course_name.clone(),
        e.kind.label_zh().to_owned(),
        e.revision_no.map(|n| n.to_string()).unwrap_or_default(),
        e.action.label_zh().to_owned(),
        status_label(e.from_status.as_deref()),
        status_label(e.to_status.as_deref()),
        e.actor_name.clone().unwrap_or_default(),
        e.note.clone(),
    ]
}

/// One CSV field. Text that a spreadsheet would run as a formula gets a leading `'`.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn csv_line(out: &mut String, fields: &[impl AsRef<str>]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

pub fn csv(records: &[Record]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    csv_line(&mut out, &HEADERS);
    for record in records {
        csv_line(&mut out, &cells(record));
    }
    out.into_bytes()
}

fn xlsx_error(err: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(anyhow::anyhow!("writing the xlsx export: {err}"))
}

pub fn xlsx(records: &[Record]) -> Result<Vec<u8>, AppError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("审核记录").map_err(xlsx_error)?;
    for (col, (header, width)) in (0u16..).zip(HEADERS.iter().zip(WIDTHS)) {
        sheet
            .write_string_with_format(0, col, *header, &bold)
            .map_err(xlsx_error)?;
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (row, record) in (1u32..).zip(records) {
        for (col, value) in (0u16..).zip(cells(record)) {
            sheet.write_string(row, col, value).map_err(xlsx_error)?;
        }
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("消防安全"), "消防安全");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(csv_field("两行\n内容"), "\"两行\n内容\"");
    }

    #[test]
    fn csv_fields_cannot_become_formulas() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
    }

    #[test]
    fn an_empty_export_is_a_bom_and_the_header() {
        let out = String::from_utf8(csv(&[])).unwrap_or_default();
        assert!(out.starts_with('\u{feff}'));
        assert!(out.contains("课程名称 (Course name)"));
        assert_eq!(out.matches("\r\n").count(), 1);
    }
}
