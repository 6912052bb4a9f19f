//! One-page A4 PDFs of labelled lines (vouchers, the demo licence). Chinese text uses the
//! standard CJK font STSong-Light with the UniGB-UCS2-H encoding, which every PDF reader provides
//! without embedding a font; ASCII runs use Helvetica.

use pdf_writer::types::{CidFontType, FontFlags};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// What goes on the page, top to bottom.
pub struct Document {
    pub title: String,
    /// `(label, value)` pairs, one per line.
    pub lines: Vec<(String, String)>,
    /// Small print at the bottom (verification code and where to check it).
    pub footer: Vec<String>,
}

const LATIN: Name = Name(b"F1");
const CJK: Name = Name(b"F2");
const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 64.0;

/// Splits `text` into runs of ASCII and of everything else, each with its font.
fn runs(text: &str) -> Vec<(Name<'static>, Vec<u8>)> {
    let mut out: Vec<(Name<'static>, Vec<u8>)> = Vec::new();
    for c in text.chars() {
        let (font, bytes) = if c.is_ascii() && !c.is_ascii_control() {
            (LATIN, vec![c as u8])
        } else {
            // UCS-2 big-endian; characters outside the basic plane show as a full-width ？.
            let unit = u16::try_from(u32::from(c)).unwrap_or(0xFF1F);
            (CJK, unit.to_be_bytes().to_vec())
        };
        match out.last_mut() {
            Some((f, run)) if *f == font => run.extend(bytes),
            _ => out.push((font, bytes)),
        }
    }
    out
}

fn line(content: &mut Content, x: f32, y: f32, size: f32, text: &str) {
    content.begin_text();
    content.next_line(x, y);
    for (font, bytes) in runs(text) {
        content.set_font(font, size);
        content.show(Str(&bytes));
    }
    content.end_text();
}

/// Renders `doc` as a PDF.
pub fn render(doc: &Document) -> Vec<u8> {
    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let contents = Ref::new(4);
    let latin = Ref::new(5);
    let cjk = Ref::new(6);
    let cid = Ref::new(7);
    let descriptor = Ref::new(8);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1));
    p.parent(pages);
    p.contents(contents);
    let mut resources = p.resources();
    let mut fonts = resources.fonts();
    fonts.pair(LATIN, latin);
    fonts.pair(CJK, cjk);
    fonts.finish();
    resources.finish();
    p.finish();

    pdf.type1_font(latin).base_font(Name(b"Helvetica"));
    pdf.type0_font(cjk)
        .base_font(Name(b"STSong-Light"))
        .encoding_predefined(Name(b"UniGB-UCS2-H"))
        .descendant_font(cid);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"STSong-Light"))
        .system_info(pdf_writer::types::SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"GB1"),
            supplement: 2,
        })
        .font_descriptor(descriptor)
        .default_width(1000.0);
    pdf.font_descriptor(descriptor)
        .name(Name(b"STSong-Light"))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(880.0)
        .stem_v(93.0);

    let mut content = Content::new();
    content.set_line_width(1.5);
    content.rect(
        MARGIN - 24.0,
        MARGIN - 24.0,
        PAGE.0 - 2.0 * (MARGIN - 24.0),
        PAGE.1 - 2.0 * (MARGIN - 24.0),
    );
    content.stroke();
    let mut y = PAGE.1 - MARGIN - 40.0;
    line(&mut content, MARGIN, y, 24.0, &doc.title);
    y -= 56.0;
    for (label, value) in &doc.lines {
        line(&mut content, MARGIN, y, 13.0, &format!("{label}：{value}"));
        y -= 28.0;
    }
    let mut y = MARGIN + 12.0 * doc.footer.len() as f32;
    for text in &doc.footer {
        line(&mut content, MARGIN, y, 10.0, text);
        y -= 16.0;
    }
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_goes_through_the_cjk_font_and_ascii_through_helvetica() {
        let r = runs("编号 A1");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, CJK);
        assert_eq!(r[0].1, vec![0x7F, 0x16, 0x53, 0xF7]);
        assert_eq!(r[1].0, LATIN);
        assert_eq!(r[1].1, b" A1".to_vec());
    }

    #[test]
    fn a_document_is_a_pdf_with_its_ascii_text_readable() {
        let bytes = render(&Document {
            title: "购课凭证".into(),
            lines: vec![("订单号".into(), "DEMO-O-20261201-000001".into())],
            footer: vec!["验证码 ABCD1234EFGH5678".into()],
        });
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("STSong-Light"));
        assert!(text.contains("(DEMO-O-20261201-000001)"));
        assert!(text.contains("ABCD1234EFGH5678"));
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
