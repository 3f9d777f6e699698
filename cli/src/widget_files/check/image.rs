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
    pub(crate) fn named_by(self, extension: &str) -> bool {
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

/// Reads `bytes` as a PNG, JPEG or GIF (through the `imagesize` crate); `None` if they are none
/// of those.
///
/// ```
/// use amo_widget::widget_files::check::image::{sniff, Format};
/// let gif = b"GIF89a\x0a\x00\x14\x00\x00\x00\x00";
/// let found = sniff(gif).unwrap();
/// assert_eq!((found.format, found.size), (Format::Gif, Some((10, 20))));
/// assert!(sniff(b"<svg/>").is_none());
/// ```
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    let format = match imagesize::image_type(bytes).ok()? {
        imagesize::ImageType::Png => Format::Png,
        imagesize::ImageType::Jpeg => Format::Jpeg,
        imagesize::ImageType::Gif => Format::Gif,
        _ => return None,
    };
    let size = imagesize::blob_size(bytes)
        .ok()
        .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)));
    Some(Sniffed { format, size })
}
