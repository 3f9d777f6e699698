//! What an image file really is (PNG, JPEG or GIF, from its bytes, whatever its name says) and
//! its pixel size, read from the headers without decoding the image.

use std::fmt;

/// An image format the vendor accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// JPEG (JFIF or Exif).
    Jpeg,
    /// GIF 87a or 89a.
    Gif,
}

impl Format {
    /// Whether a file named with `extension` (lower case, no dot) is expected to be this format.
    pub fn named_by(self, extension: &str) -> bool {
        matches!(
            (self, extension),
            (Format::Png, "png") | (Format::Jpeg, "jpg" | "jpeg") | (Format::Gif, "gif")
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::Gif => "GIF",
        })
    }
}

/// The format and, when the header says, the pixel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// What the bytes are.
    pub format: Format,
    /// Width and height, `None` if the header is cut short.
    pub size: Option<(u32, u32)>,
}

/// Reads `bytes` as a PNG, JPEG or GIF; `None` if they are none of those.
///
/// ```
/// use amo_widget::check::image::{sniff, Format};
/// let gif = b"GIF89a\x0a\x00\x14\x00\x00\x00\x00";
/// let found = sniff(gif).unwrap();
/// assert_eq!((found.format, found.size), (Format::Gif, Some((10, 20))));
/// assert!(sniff(b"<svg/>").is_none());
/// ```
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Sniffed {
            format: Format::Png,
            size: crate::png::dimensions(bytes),
        });
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        let le = |at: usize| {
            bytes
                .get(at..at + 2)
                .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let size = le(6).zip(le(8));
        return Some(Sniffed {
            format: Format::Gif,
            size,
        });
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return Some(Sniffed {
            format: Format::Jpeg,
            size: jpeg_size(bytes),
        });
    }
    None
}

/// Walks the JPEG segments to the first start-of-frame marker, which holds the size.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            // End of image or start of scan before any frame header.
            0xD9 | 0xDA => return None,
            // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let height = be(at + 5)?;
                let width = be(at + 7)?;
                return Some((u32::from(width), u32::from(height)));
            }
            _ => at += 2 + usize::from(be(at + 2)?),
        }
    }
}
