//! Paying for a PDF's decompressed bytes before `hayro-interpret` decompresses them.
//!
//! Owns [`charge_document`] and [`charge_page`]. The interpreter decodes a stream whole, in
//! memory, with no limit, and holds a page's content streams joined: a 1 MB file can name one
//! stream that inflates to 1 GB, and name it many times. So before the interpreter runs, every
//! stream that is not an image (images are never decoded: gouji draws none) is measured by
//! inflating it into a counter, never into memory, and the sizes are paid for against
//! [`MAX_DECODED_BYTES`](super::MAX_DECODED_BYTES); a page's content streams are paid for again,
//! once per time the page names them. It does not interpret anything: that is
//! [`pdf`](super::pdf)'s job.

use std::io::Read;

use hayro_interpret::hayro_syntax::object::dict::keys::{CONTENTS, SUBTYPE};
use hayro_interpret::hayro_syntax::object::{Array, Name, Object, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::{Filter, Pdf};

use super::IngestError;
use super::budget::{Budget, Limit, MAX_DECODED_BYTES};

/// Pays for every stream of the document that is not an image, once.
pub(crate) fn charge_document(pdf: &Pdf, budget: &mut Budget) -> Result<(), IngestError> {
    for object in pdf.objects() {
        if let Object::Stream(stream) = object {
            let image = stream
                .dict()
                .get::<Name<'_>>(SUBTYPE)
                .is_some_and(|n| n.as_ref() == b"Image");
            if !image {
                budget.spend(Limit::DecodedBytes, decoded_len(&stream))?;
            }
        }
    }
    Ok(())
}

/// Pays for the content streams of a page, each as often as the page names it.
pub(crate) fn charge_page(page: &Page<'_>, budget: &mut Budget) -> Result<(), IngestError> {
    if let Some(stream) = page.raw().get::<Stream<'_>>(CONTENTS) {
        budget.spend(Limit::DecodedBytes, decoded_len(&stream))?;
    } else if let Some(array) = page.raw().get::<Array<'_>>(CONTENTS) {
        for stream in array.iter::<Stream<'_>>() {
            budget.spend(Limit::DecodedBytes, decoded_len(&stream))?;
        }
    }
    Ok(())
}

/// The decoded size of a stream, counted without holding it, stopping just past
/// [`MAX_DECODED_BYTES`]. Streams only FlateDecode'd (nearly all) are inflated into a counter;
/// other filters are bounded by their largest expansion and decoded only when that bound is
/// affordable; image codecs count nothing (the interpreter does not decode them for gouji).
fn decoded_len(stream: &Stream<'_>) -> u64 {
    let filters = stream.filters();
    let raw = stream.raw_data();
    if filters.is_empty() {
        return raw.len() as u64;
    }
    if filters.iter().all(|f| *f == Filter::FlateDecode) {
        let mut reader: Box<dyn Read + '_> = Box::new(raw.as_ref());
        for _ in &filters {
            reader = Box::new(flate2::read::ZlibDecoder::new(reader));
        }
        let counted = count(reader);
        if counted > 0 || filters.len() > 1 {
            return counted;
        }
        // A deflate stream without its zlib header, as some writers make and readers accept.
        return count(Box::new(flate2::read::DeflateDecoder::new(raw.as_ref())));
    }
    let mut bound = raw.len() as u64;
    for filter in &filters {
        bound = bound.saturating_mul(match filter {
            Filter::FlateDecode => 1_032,
            Filter::LzwDecode => 4_096,
            Filter::RunLengthDecode => 64,
            Filter::Ascii85Decode => 4,
            Filter::AsciiHexDecode | Filter::Crypt => 1,
            Filter::CcittFaxDecode
            | Filter::Jbig2Decode
            | Filter::DctDecode
            | Filter::JpxDecode => return 0,
        });
    }
    if bound > MAX_DECODED_BYTES {
        return bound;
    }
    stream.decoded().map(|d| d.len() as u64).unwrap_or(0)
}

/// Bytes `reader` yields, up to just past [`MAX_DECODED_BYTES`]; what was read before an error.
fn count(mut reader: Box<dyn Read + '_>) -> u64 {
    let mut buffer = vec![0; 64 * 1024];
    let mut total: u64 = 0;
    while total <= MAX_DECODED_BYTES {
        match reader.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n as u64,
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn inflated_sizes_are_counted_without_being_held() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 1 << 20]).unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(
            count(Box::new(flate2::read::ZlibDecoder::new(packed.as_slice()))),
            1 << 20
        );
        let endless = std::io::repeat(0);
        assert_eq!(
            count(Box::new(endless)) / (64 * 1024),
            MAX_DECODED_BYTES / (64 * 1024) + 1
        );
    }
}
