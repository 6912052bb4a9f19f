//! What may be uploaded: content types and size limits per kind, file names, part arithmetic.

use shared_types::media::MediaKind;

use crate::error::AppError;

const MIB: i64 = 1024 * 1024;
const GIB: i64 = 1024 * MIB;
/// S3 allows at most this many parts per upload.
pub const MAX_PARTS: i64 = 10_000;

/// The content types a kind accepts and its largest size.
pub fn allowed(kind: MediaKind) -> (&'static [&'static str], i64) {
    match kind {
        MediaKind::Video => (
            &[
                "video/mp4",
                "video/quicktime",
                "video/webm",
                "video/x-matroska",
                "video/x-msvideo",
                "video/mpeg",
            ],
            20 * GIB,
        ),
        MediaKind::Document => (&["application/pdf"], 200 * MIB),
        MediaKind::Subtitle => (&["text/vtt"], 2 * MIB),
        MediaKind::Image => (&["image/jpeg", "image/png"], 10 * MIB),
        MediaKind::Licence => (&["application/pdf", "image/jpeg", "image/png"], 50 * MIB),
    }
}

/// The declared content type, lower-cased without parameters, if `kind` accepts it.
pub fn content_type(kind: MediaKind, declared: &str) -> Result<String, AppError> {
    let ct = declared
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (types, _) = allowed(kind);
    if types.contains(&ct.as_str()) {
        Ok(ct)
    } else {
        let list = types.join(", ");
        Err(AppError::invalid(
            "content_type",
            format!("此类文件只接受 {list}"),
            format!("this kind of file accepts only {list}"),
        ))
    }
}

/// The size must be positive and within the kind's limit.
pub fn size(kind: MediaKind, size_bytes: i64) -> Result<(), AppError> {
    let (_, limit) = allowed(kind);
    if size_bytes <= 0 {
        return Err(AppError::invalid(
            "size_bytes",
            "文件为空",
            "the file is empty",
        ));
    }
    if size_bytes > limit {
        let human = if limit >= GIB {
            format!("{} GiB", limit / GIB)
        } else {
            format!("{} MiB", limit / MIB)
        };
        return Err(AppError::invalid(
            "size_bytes",
            format!("文件不能超过 {human}"),
            format!("the file must not exceed {human}"),
        ));
    }
    Ok(())
}

/// The file's own name without any folder, control characters or characters that break
/// headers, at most 255 characters (the extension kept).
pub fn file_name(raw: &str) -> Result<String, AppError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return Err(AppError::invalid(
            "file_name",
            "文件名不能为空",
            "the file name is empty",
        ));
    }
    let count = cleaned.chars().count();
    if count <= 255 {
        return Ok(cleaned.to_owned());
    }
    let ext: String = match cleaned.rsplit_once('.') {
        Some((_, ext)) if ext.chars().count() <= 10 => format!(".{ext}"),
        _ => String::new(),
    };
    let stem: String = cleaned.chars().take(255 - ext.chars().count()).collect();
    Ok(format!("{stem}{ext}"))
}

/// How many parts of `part_size` a file of `size_bytes` takes.
pub fn part_count(size_bytes: i64, part_size: i64) -> Result<i64, AppError> {
    let count = (size_bytes + part_size - 1) / part_size;
    if count > MAX_PARTS {
        return Err(AppError::invalid(
            "size_bytes",
            "文件过大，分片数超过 10000",
            "the file is too large: more than 10,000 parts",
        ));
    }
    Ok(count)
}

/// The exact size of part `number` (1-based): `part_size`, except the last.
pub fn part_len(size_bytes: i64, part_size: i64, number: i64) -> i64 {
    let count = (size_bytes + part_size - 1) / part_size;
    if number < count {
        part_size
    } else {
        size_bytes - (count - 1) * part_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_dangerous_characters() {
        assert_eq!(
            file_name("C:\\Users\\x\\安全 培训.mp4").ok().as_deref(),
            Some("安全 培训.mp4")
        );
        assert_eq!(
            file_name("../../etc/pass\nwd").ok().as_deref(),
            Some("passwd")
        );
        assert_eq!(file_name("a\"b<c>.pdf").ok().as_deref(), Some("abc.pdf"));
        assert!(file_name("  /  ").is_err());
        assert!(file_name("..").is_err());
        let long = format!("{}.mp4", "长".repeat(400));
        let cut = file_name(&long).ok().unwrap_or_default();
        assert_eq!(cut.chars().count(), 255);
        assert!(cut.ends_with(".mp4"));
    }

    #[test]
    fn content_types_and_sizes_follow_the_kind() {
        assert_eq!(
            content_type(MediaKind::Video, "Video/MP4; codecs=avc1")
                .ok()
                .as_deref(),
            Some("video/mp4")
        );
        assert!(content_type(MediaKind::Video, "application/pdf").is_err());
        assert!(content_type(MediaKind::Licence, "image/png").is_ok());
        assert!(content_type(MediaKind::Subtitle, "application/x-subrip").is_err());
        assert!(size(MediaKind::Subtitle, 2 * MIB).is_ok());
        assert!(size(MediaKind::Subtitle, 2 * MIB + 1).is_err());
        assert!(size(MediaKind::Video, 20 * GIB).is_ok());
        assert!(size(MediaKind::Video, 0).is_err());
    }

    #[test]
    fn parts_cover_the_file_exactly() {
        assert_eq!(part_count(11 * MIB, 5 * MIB).ok(), Some(3));
        assert_eq!(part_count(10 * MIB, 5 * MIB).ok(), Some(2));
        assert_eq!(part_len(11 * MIB, 5 * MIB, 1), 5 * MIB);
        assert_eq!(part_len(11 * MIB, 5 * MIB, 3), MIB);
        assert_eq!(part_len(10 * MIB, 5 * MIB, 2), 5 * MIB);
        assert!(part_count(20 * GIB, 2 * MIB).is_err());
    }
}
