//! Stray quotes: a lone `"` at the start of an unquoted field (`900;"Lo de Pepe;Córdoba`)
//! opens a quoted field that runs over the following lines, until the next `"` or the end of
//! the file, and swallows whole records into one cell. Told apart from a legitimate
//! multi-line note by the shape of what it swallowed — lines with exactly the header's number
//! of delimiters, as the records of this file have — and by how it ends: at the end of the
//! file, or at a quote followed by more text (`905;"Cliente 905";…`: the quote that opened
//! row 905's field closes the stray one). A quoted field closed as an exporter closes it
//! (the quote followed by a delimiter or a line break) is a note, whatever it holds.

use super::parse::RawFields;
use super::Ending;

/// A quoted field that swallowed lines shaped like whole records of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayQuote {
    /// The 0-based field where the quote opens.
    pub field: usize,
    /// How many physical lines before that field's start are in the record (the quote is on
    /// the record's first line plus this).
    pub line_offset: u64,
    /// The non-blank lines after the quote's own line that went into the record: each is
    /// (most likely) a record of its own, lost as a row.
    pub lines: u64,
}

/// Whether `fields`, a record of a file whose header has `width` fields separated by
/// `delimiter`, holds a stray quote: a field with line breaks, after which most non-blank
/// lines (and at least one) have exactly `width - 1` delimiters, in a record that ends inside
/// quotes (`ending`) or whose `raw` bytes close a quoted field with more text after the
/// quote. A one-column file has no shape to tell by: never. Costs one `memchr` for a record
/// without a line break.
pub(crate) fn find(
    fields: &RawFields,
    raw: (&[u8], &[u8]),
    delimiter: u8,
    width: usize,
) -> Option<StrayQuote> {
    if width < 2 || memchr::memchr(b'\n', fields.as_slice()).is_none() {
        return None;
    }
    let mut found: Option<StrayQuote> = None;
    let (mut shaped, mut nonblank, mut line_offset) = (0u64, 0u64, 0u64);
    for (i, field) in fields.iter().enumerate() {
        let (mut swallowed, mut record_like) = (0u64, 0u64);
        // A quote closed inside a swallowed line leaves the rest of that line to the
        // record's next fields: their delimiters were the line's.
        let after = fields.len() - 1 - i;
        let mut lines = field.split(|&b| b == b'\n').skip(1).peekable();
        while let Some(line) = lines.next() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            swallowed += 1;
            let mut delimiters = memchr::memchr_iter(delimiter, line).count();
            if lines.peek().is_none() {
                delimiters += after;
            }
            record_like += u64::from(delimiters + 1 == width);
        }
        // Counted from the first field that swallowed a record-shaped line: a note before it
        // is a note.
        if record_like > 0 && found.is_none() {
            found = Some(StrayQuote {
                field: i,
                line_offset,
                lines: 0,
            });
        }
        if found.is_some() {
            shaped += record_like;
            nonblank += swallowed;
        }
        line_offset += memchr::memchr_iter(b'\n', field).count() as u64;
    }
    let mut stray = found?;
    if shaped * 2 < nonblank {
        return None;
    }
    if fields.ending() != Ending::InsideQuotes && !closed_before_text(raw, delimiter) {
        return None;
    }
    stray.lines = nonblank;
    Some(stray)
}

/// Whether `raw`, a record's bytes, closes a quoted field with more text right after the
/// closing quote (not a delimiter, a line break or a doubled quote): what a stray quote
/// closed by a later field's opening quote looks like, and what no exporter writes.
fn closed_before_text((spill, rest): (&[u8], &[u8]), delimiter: u8) -> bool {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &b in spill.iter().chain(rest) {
        state = match (state, b) {
            (State::FieldStart, b'"') => State::Quoted,
            (State::FieldStart | State::Unquoted, b) if b == delimiter => State::FieldStart,
            (State::FieldStart | State::Unquoted, b'\r' | b'\n') => State::FieldStart,
            (State::FieldStart | State::Unquoted, _) => State::Unquoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::QuoteInQuoted, b) if b == delimiter || b == b'\r' || b == b'\n' => {
                State::FieldStart
            }
            (State::QuoteInQuoted, _) => return true,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::parse::Parser;
    use super::*;

    /// The stray quote of each data record of `data` (its header's width).
    fn strays(data: &str, delimiter: u8) -> Vec<Option<StrayQuote>> {
        let mut p = Parser::new(data.as_bytes(), delimiter);
        let mut f = RawFields::default();
        p.read(&mut f).unwrap().unwrap();
        let width = f.len();
        let mut out = Vec::new();
        while p.read(&mut f).unwrap().unwrap().is_some() {
            out.push(find(&f, p.raw(), delimiter, width));
        }
        out
    }

    #[test]
    fn a_quote_that_swallows_records_is_found_with_the_lines_it_swallowed() {
        let data = "id;nombre;ciudad\n1;Ana;Salta\n2;\"Lo de Pepe;Córdoba\n3;Beto;Jujuy\n\
                    4;Carla;Tucumán\n\n5;Dario;Mendoza\n";
        let got = strays(data, b';');
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], None);
        assert_eq!(
            got[1],
            Some(StrayQuote {
                field: 1,
                line_offset: 0,
                lines: 3
            })
        );
        // Closed by a later quote on the next line: that line is swallowed, and its rest is
        // the record's next fields.
        let data = "a;b;c\n1;\"x\n2;\"y\";z\n";
        let got = strays(data, b';');
        assert_eq!(
            got,
            [Some(StrayQuote {
                field: 1,
                line_offset: 0,
                lines: 1
            })]
        );
        // Closed by a later quote: the line it closes on is swallowed too.
        let data = "a,b\n1,x\n2,\"abc\n3,c\n4,\"d\"\n5,e\n";
        let got = strays(data, b',');
        assert_eq!(
            got,
            [
                None,
                Some(StrayQuote {
                    field: 1,
                    line_offset: 0,
                    lines: 2
                }),
                None
            ]
        );
    }

    #[test]
    fn the_line_of_the_quote_counts_the_line_breaks_of_the_fields_before_it() {
        let data = "a;b;c\n1;\"nota\nlarga\";\"x\n2;y;z\n3;y;z\n";
        let got = strays(data, b';');
        assert_eq!(
            got,
            [Some(StrayQuote {
                field: 2,
                line_offset: 1,
                lines: 2
            })]
        );
    }

    #[test]
    fn multi_line_notes_are_not_stray_quotes() {
        for data in [
            // Prose without the header's number of delimiters.
            "a;b;c\n1;\"llamar antes;\ntimbre roto\nsegundo piso\";x\n2;y;z\n",
            // One line shaped like a record among many that are not.
            "a;b;c\n1;\"uno\ndos; tres; cuatro\ncinco\nseis\nsiete\";x\n",
            // A one-column file has no shape to tell by.
            "a\n\"x\ny\nz\"\n",
            // Blank lines inside a note.
            "a,b\n1,\"x\n\n\n\"\n",
            // A note closed as exporters close it, whatever its lines look like.
            "a,b\n1,\"\n,\"\n2,\"x\n3,y\n4,z\"\n",
            "a;b;c\n1;\"x\n2;y;z\";w\n",
            // No line break at all.
            "a,b\n1,\"x,y\"\n",
        ] {
            let got = strays(data, data.as_bytes()[1]);
            assert!(got.iter().all(Option::is_none), "{data:?}: {got:?}");
        }
    }
}
