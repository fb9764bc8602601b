//! The parser's fast path: a record that is one line, whose quotes (if any) are whole-field
//! quotes, is split here, 16 bytes at a time, into exactly the fields `csv_core` gives.
//!
//! Most records of real exports are such lines: `a;b;c` or `1,"36.056,00",x`. `csv_core`
//! walks them byte by byte through its state machine; here a vector compare finds the bytes
//! that matter (the delimiter, `"` and `\r`) and the text between them is copied whole.
//! Whatever is not plain is left to `csv_core`, from the same place, so the result never
//! depends on the path taken: a quoted line break or CR, a doubled quote (`""`), a quote
//! inside a field or text after a closing quote, a lone CR (which ends a record there).
//! `Parser`'s tests compare both paths on random input.

/// A record split by [`split`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split {
    /// The number of fields.
    pub fields: usize,
    /// The number of field bytes written to `data`.
    pub out: usize,
    /// The bytes of the input the record takes, with the one terminator byte `csv_core`
    /// consumes (the `\n`, or the `\r` of a CRLF, whose `\n` is then a blank line).
    pub consumed: usize,
}

/// Splits the record at the start of `src`, whose `\n` is at `src[line_len]`, into `data`
/// (the fields' bytes back to back) and `ends` (where each field ends in `data`), growing
/// both as needed; `None` when the record is not plain (see the module's doc), and then
/// `data` and `ends` hold nothing meaningful. Bytes of `src` past the `\n` may be read, never
/// used.
///
/// # Panics
/// When `src[line_len]` does not exist.
pub(super) fn split(
    src: &[u8],
    line_len: usize,
    delimiter: u8,
    data: &mut Vec<u8>,
    ends: &mut Vec<usize>,
) -> Option<Split> {
    assert!(line_len < src.len(), "the record's line break is in `src`");
    if delimiter == b'"' || delimiter == b'\r' || delimiter == b'\n' {
        return None;
    }
    // The fields never take more bytes than the line; 16 more let every copy be 16 bytes.
    if data.len() < line_len + 16 {
        data.resize(line_len + 16, 0);
    }
    let mut out = Output {
        src,
        data,
        ends,
        out: 0,
        fields: 0,
    };
    // Where the current field's text starts; the index of the quote that closed it.
    let mut start = 0;
    let mut closed: Option<usize> = None;
    let mut quoted = false;
    // The byte that ends the record: the `\n`, or the `\r` before it.
    let mut term = line_len;
    let mut chunk = 0;
    'scan: while chunk < line_len {
        let mut events = events(src, chunk, line_len, delimiter);
        while events != 0 {
            let i = chunk + events.trailing_zeros() as usize;
            events &= events - 1;
            let byte = src[i];
            if quoted {
                match byte {
                    b'"' => {
                        quoted = false;
                        closed = Some(i);
                    }
                    b'\r' => return None,
                    // A delimiter inside quotes is text.
                    _ => {}
                }
            } else if byte == delimiter {
                out.push(start, field_end(closed, i)?);
                start = i + 1;
                closed = None;
            } else if byte == b'"' {
                if i != start || closed.is_some() {
                    return None;
                }
                quoted = true;
                start = i + 1;
            } else {
                // `\r`: the end of a CRLF line, or a lone CR that ends a record mid-line.
                if i + 1 != line_len {
                    return None;
                }
                term = i;
                break 'scan;
            }
        }
        chunk += 16;
    }
    if quoted {
        return None;
    }
    out.push(start, field_end(closed, term)?);
    Some(Split {
        fields: out.fields,
        out: out.out,
        consumed: term + 1,
    })
}

/// Where a field that ends at the byte `at` (a delimiter or the terminator) ends: before its
/// closing quote when it had one, which must then stand right before `at`.
fn field_end(closed: Option<usize>, at: usize) -> Option<usize> {
    match closed {
        None => Some(at),
        Some(quote) if quote + 1 == at => Some(quote),
        Some(_) => None,
    }
}

/// Where the fields go.
struct Output<'a> {
    src: &'a [u8],
    data: &'a mut Vec<u8>,
    ends: &'a mut Vec<usize>,
    out: usize,
    fields: usize,
}

impl Output<'_> {
    /// Appends the field `src[start..end]`.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize) {
        let len = end - start;
        if len <= 16 && start + 16 <= self.src.len() {
            // One fixed-size copy (a single vector move): the bytes past the field are
            // overwritten by the next field or lie past the record's end.
            self.data[self.out..self.out + 16].copy_from_slice(&self.src[start..start + 16]);
        } else {
            self.data[self.out..self.out + len].copy_from_slice(&self.src[start..end]);
        }
        self.out += len;
        if self.fields == self.ends.len() {
            let grown = (self.ends.len() * 2).max(32);
            self.ends.resize(grown, 0);
        }
        self.ends[self.fields] = self.out;
        self.fields += 1;
    }
}

/// Bit `k` is set when `src[chunk + k]` is the delimiter, `"` or `\r`, for the positions
/// before `line_len`.
#[inline(always)]
fn events(src: &[u8], chunk: usize, line_len: usize, delimiter: u8) -> u32 {
    let wanted = line_len - chunk;
    let keep = if wanted >= 16 {
        0xFFFF
    } else {
        (1u32 << wanted) - 1
    };
    match src.get(chunk..chunk + 16) {
        Some(bytes) => vector_events(bytes.try_into().expect("16 bytes"), delimiter) & keep,
        None => scalar_events(&src[chunk..line_len], delimiter),
    }
}

/// Bit `k` is set when `bytes[k]` (of at most 32) is the delimiter, `"` or `\r`: the
/// end of a buffer too short for a vector, and the whole path off x86_64.
fn scalar_events(bytes: &[u8], delimiter: u8) -> u32 {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == delimiter || b == b'"' || b == b'\r')
        .fold(0u32, |mask, (k, _)| mask | 1 << k)
}

/// Bit `k` is set when `bytes[k]` is the delimiter, `"` or `\r`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn vector_events(bytes: &[u8; 16], delimiter: u8) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of
    // `bytes` (unaligned loads are allowed).
    unsafe {
        let v = _mm_loadu_si128(bytes.as_ptr().cast::<__m128i>());
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let any = _mm_or_si128(_mm_or_si128(is(delimiter), is(b'"')), is(b'\r'));
        _mm_movemask_epi8(any) as u32 & 0xFFFF
    }
}

/// Bit `k` is set when `bytes[k]` is the delimiter, `"` or `\r`.
#[cfg(not(target_arch = "x86_64"))]
fn vector_events(bytes: &[u8; 16], delimiter: u8) -> u32 {
    scalar_events(bytes, delimiter)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of `line` (which must end in `\n`), and the bytes taken.
    fn fields(line: &str, delimiter: u8) -> Option<(Vec<String>, usize)> {
        let (mut data, mut ends) = (Vec::new(), Vec::new());
        let split = split(
            line.as_bytes(),
            line.find('\n').unwrap(),
            delimiter,
            &mut data,
            &mut ends,
        )?;
        let mut start = 0;
        let fields = ends[..split.fields]
            .iter()
            .map(|&end| {
                let field = String::from_utf8(data[start..end].to_vec()).unwrap();
                start = end;
                field
            })
            .collect();
        assert_eq!(start, split.out);
        Some((fields, split.consumed))
    }

    #[test]
    fn plain_and_whole_field_quoted_lines_are_split() {
        assert_eq!(
            fields("a;b;c\n", b';'),
            Some((vec!["a".into(), "b".into(), "c".into()], 6))
        );
        assert_eq!(
            fields("1,\"36.056,00\",,\"\"\r\nnext", b','),
            Some((
                vec!["1".into(), "36.056,00".into(), "".into(), "".into()],
                18
            ))
        );
        let long = "x".repeat(40);
        assert_eq!(
            fields(&format!("{long},\"{long};\"\n"), b','),
            Some((vec![long.clone(), format!("{long};")], 85))
        );
    }

    #[test]
    fn what_is_not_plain_is_left_to_csv_core() {
        for line in [
            "a,\"b\"\"c\"\n", // a doubled quote
            "a,b\"c\n",       // a quote inside a field
            "a,\"b\"c\n",     // text after a closing quote
            "a,\"b\n",        // a quoted line break
            "a,\"b\rc\",d\n", // a quoted CR
            "a\rb,c\n",       // a lone CR ends a record mid-line
            "a,\"b\"\"\"\n",  // quotes after a closing quote
        ] {
            assert_eq!(fields(line, b','), None, "{line:?}");
        }
    }
}
