//! The accepted rows of a spooled snapshot, read twice: once to learn its [`Shape`] (size,
//! over-long cells) before anything is written, then in request-sized chunks of JSON strings.

use super::layout::{json_row_len, Batcher, Shape, MAX_CELL_CHARS};
use super::retry::Failure;
use crate::i18n::Text;
use crate::publish::{io_message, spool_changed, spool_read_error, PublishItem};
use crate::table::{Reader, Record};
use serde_json::Value;

/// Rows for one request: the 1-based sheet row of the first, and the rows.
pub(super) type Chunk = (u64, Vec<Vec<Value>>);

/// A reader of `item`'s accepted rows (the header first).
pub(super) struct Rows<'a> {
    item: &'a PublishItem,
    reader: Reader,
    record: Record,
    skip: std::iter::Peekable<std::slice::Iter<'a, u64>>,
    header: Option<Vec<String>>,
    columns: usize,
    /// Rows handed out, the header included.
    sent: u64,
    /// A row read but left for the next chunk.
    pending: Option<(Vec<Value>, usize)>,
    /// The source's data row (1-based) of the row last read; 0 for the header.
    source_row: u64,
}

impl<'a> Rows<'a> {
    /// Opens the spool copy; `columns` pads every row to that width (0: the header's).
    pub(super) fn open(item: &'a PublishItem, columns: usize) -> Result<Rows<'a>, Failure> {
        let input = std::fs::File::open(&item.path)
            .map_err(|e| Failure::permanent(io_message(Text::PublishOpenSpool, &item.path, &e)))?;
        let reader = Reader::new(input, &item.options).map_err(|e| read_err(item, e))?;
        let header = reader.header().map(|h| h.names.clone()).unwrap_or_default();
        Ok(Rows {
            item,
            reader,
            record: Record::default(),
            skip: item.left_out.iter().peekable(),
            columns: columns.max(header.len()),
            header: Some(header),
            sent: 0,
            pending: None,
            source_row: 0,
        })
    }

    /// The next accepted row's cells, or `None` at the end. The header comes first.
    fn next_row(&mut self) -> Result<Option<Vec<String>>, Failure> {
        if let Some(header) = self.header.take() {
            return Ok(Some(header));
        }
        loop {
            if !self
                .reader
                .read(&mut self.record)
                .map_err(|e| read_err(self.item, e))?
            {
                return Ok(None);
            }
            let row = self.record.row();
            while self.skip.peek().is_some_and(|&&r| r < row) {
                self.skip.next();
            }
            if self.skip.peek() == Some(&&row) {
                continue;
            }
            self.source_row = row;
            return Ok(Some(self.record.fields().map(|f| f.into_owned()).collect()));
        }
    }

    /// First pass: the snapshot's shape. Fails when its row count is not the one checked.
    pub(super) fn shape(mut self) -> Result<Shape, Failure> {
        let mut shape = Shape::default();
        let header = self.header.clone().unwrap_or_default();
        let mut data_rows = 0u64;
        while let Some(cells) = self.next_row()? {
            shape.columns = shape.columns.max(cells.len());
            shape.widest_row_json = shape.widest_row_json.max(json_row_len(&cells));
            for (i, cell) in cells.iter().enumerate() {
                if cell.len() > MAX_CELL_CHARS {
                    let chars = cell.chars().count();
                    if chars > MAX_CELL_CHARS {
                        shape.long_cells += 1;
                        if shape.first_long.is_none() {
                            let column = header
                                .get(i)
                                .cloned()
                                .unwrap_or_else(|| format!("#{}", i + 1));
                            shape.first_long = Some((self.source_row, column, chars));
                        }
                    }
                }
            }
            if self.sent > 0 {
                data_rows += 1;
            }
            self.sent += 1;
        }
        shape.rows = data_rows;
        if shape.rows != self.item.rows_accepted {
            return Err(Failure::permanent(spool_changed(self.item, shape.rows)));
        }
        Ok(shape)
    }

    /// Second pass: the next chunk of about `target` bytes of JSON, with the 1-based sheet
    /// row of its first row; `None` at the end.
    pub(super) fn next_chunk(&mut self, target: usize) -> Result<Option<Chunk>, Failure> {
        let first = self.sent + 1;
        let mut batcher = Batcher::new(target);
        let mut chunk = Vec::new();
        if let Some((row, len)) = self.pending.take() {
            batcher.push(len);
            chunk.push(row);
        }
        while let Some(mut cells) = self.next_row()? {
            cells.resize(self.columns, String::new());
            let len = json_row_len(&cells);
            // Strings only, "" for empty: a null would be dropped and shift the cells left.
            let row: Vec<Value> = cells.into_iter().map(Value::String).collect();
            if batcher.push(len) {
                self.pending = Some((row, len));
                break;
            }
            chunk.push(row);
        }
        if chunk.is_empty() {
            return Ok(None);
        }
        self.sent += chunk.len() as u64;
        Ok(Some((first, chunk)))
    }
}

fn read_err(item: &PublishItem, e: std::io::Error) -> Failure {
    match spool_read_error(&item.path, &e) {
        (message, true) => Failure::permanent(message),
        (message, false) => Failure::transport(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Options;
    use std::path::Path;

    fn item(dir: &Path, bytes: &[u8], left_out: Vec<u64>, accepted: u64) -> PublishItem {
        let path = dir.join("s.csv");
        std::fs::write(&path, bytes).unwrap();
        PublishItem {
            entity: "clientes".into(),
            path,
            options: Options::default(),
            left_out,
            sha256: "0".repeat(64),
            source_name: "clientes.csv".into(),
            verdict: "partial".into(),
            rows: 4,
            rows_accepted: accepted,
            delta: None,
        }
    }

    #[test]
    fn chunks_hold_the_header_then_accepted_rows_as_strings() {
        let dir = tempfile::tempdir().unwrap();
        let it = item(
            dir.path(),
            b"id;name\n1;a\n2;=HYPERLINK(\"x\")\n3;\n4;+1\n",
            vec![3],
            3,
        );
        let shape = Rows::open(&it, 0).unwrap().shape().unwrap();
        assert_eq!((shape.rows, shape.columns, shape.long_cells), (3, 2, 0));
        // Tiny target: one row a chunk.
        let mut rows = Rows::open(&it, shape.columns).unwrap();
        let mut got = Vec::new();
        while let Some((first, chunk)) = rows.next_chunk(1).unwrap() {
            assert_eq!(chunk.len(), 1);
            got.push((first, chunk[0].clone()));
        }
        let s = |v: &[&str]| {
            v.iter()
                .map(|c| Value::String(c.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            got,
            vec![
                (1, s(&["id", "name"])),
                (2, s(&["1", "a"])),
                (3, s(&["2", "=HYPERLINK(\"x\")"])),
                (4, s(&["4", "+1"])),
            ]
        );
        // A big target: all in one chunk.
        let mut rows = Rows::open(&it, 0).unwrap();
        let (first, chunk) = rows.next_chunk(1 << 20).unwrap().unwrap();
        assert_eq!((first, chunk.len()), (1, 4));
        assert!(rows.next_chunk(1 << 20).unwrap().is_none());
    }

    #[test]
    fn a_workbook_spool_copy_is_sent_as_the_text_of_its_cells() {
        // Saved by LibreOffice (tests/fixtures/workbooks/README.md); row 4 was left out.
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workbooks/clientes_libreoffice.xlsx");
        let dir = tempfile::tempdir().unwrap();
        let it = item(dir.path(), &std::fs::read(fixture).unwrap(), vec![4], 4);
        let mut rows = Rows::open(&it, 0).unwrap();
        let (_, chunk) = rows.next_chunk(1 << 20).unwrap().unwrap();
        let text: Vec<Vec<&str>> = chunk
            .iter()
            .map(|r| r.iter().map(|v| v.as_str().unwrap()).collect())
            .collect();
        assert_eq!(
            text,
            [
                vec!["COD", "NOMBRE", "ALTA", "SALDO", "ACTIVO"],
                vec!["00101", "Peña, Juan", "2024-03-05", "1500", "TRUE"],
                vec!["00102", "Muñoz", "2023-12-31", "-0.25", "FALSE"],
                vec!["00103", "Núñez", "2024-01-15", "0.1", "TRUE"],
                vec!["00104", "Sin saldo", "2022-07-01", "", "FALSE"],
            ]
        );
    }

    #[test]
    fn long_cells_and_count_mismatches_are_found_in_the_first_pass() {
        let dir = tempfile::tempdir().unwrap();
        let long = "é".repeat(MAX_CELL_CHARS + 3);
        let csv = format!("id,notes\n1,ok\n2,{long}\n");
        let shape = Rows::open(&item(dir.path(), csv.as_bytes(), vec![], 2), 0)
            .unwrap()
            .shape()
            .unwrap();
        assert_eq!(shape.long_cells, 1);
        assert_eq!(
            shape.first_long,
            Some((2, "notes".to_string(), MAX_CELL_CHARS + 3))
        );
        // 50,000 two-byte characters are within the limit: it counts characters.
        let fine = format!("id,notes\n1,{}\n", "é".repeat(MAX_CELL_CHARS));
        let shape = Rows::open(&item(dir.path(), fine.as_bytes(), vec![], 1), 0)
            .unwrap()
            .shape()
            .unwrap();
        assert_eq!(shape.long_cells, 0);
        let err = Rows::open(&item(dir.path(), b"id\n1\n", vec![], 5), 0)
            .unwrap()
            .shape()
            .unwrap_err();
        assert!(
            err.message.to_string().contains("1 rows to publish but 5"),
            "{}",
            err.message
        );
    }
}
