//! [`IdIndex`]: the IDs of one snapshot, kept compactly, with the row each came from and
//! whether that row was accepted.
//!
//! Memory grows with the number of IDs, never with the rows' other columns. The hash table
//! holds 16-byte slots: an ID of up to [`INLINE`] bytes (nearly every real ID: `CL0518771`,
//! `V-0042`, a CUIT) sits in the slot itself, a longer one in an arena (a length prefix, then
//! the bytes) that the slot points into; plus the row and its accepted flag. Lookups compare
//! the exact text, so IDs whose hashes collide are still told apart; keeping short IDs inline
//! spares that comparison a second cache miss, which is most of a lookup's cost.

use hashbrown::hash_table::{Entry, HashTable};
use hashbrown::DefaultHashBuilder;
use std::hash::BuildHasher;

/// The high bit of a slot's row marks a row that was left out.
const LEFT_OUT: u32 = 1 << 31;

/// Where an ID was first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdEntry {
    /// The 1-based data row holding the ID.
    pub row: u64,
    /// False when that row was left out for its own errors.
    pub accepted: bool,
}

/// IDs up to this many bytes are stored in the slot itself.
const INLINE: usize = 11;

/// `Slot::len` of an ID stored in the arena.
const IN_ARENA: u8 = u8::MAX;

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The ID's length when inline, else [`IN_ARENA`].
    len: u8,
    /// The ID's bytes when inline, else the arena offset (4 bytes, little-endian).
    bytes: [u8; INLINE],
    /// The row, with [`LEFT_OUT`] set when the row was left out.
    row: u32,
}

impl Slot {
    /// The ID's bytes.
    fn key<'a>(&'a self, arena: &'a [u8]) -> &'a [u8] {
        if self.len == IN_ARENA {
            let offset = u32::from_le_bytes(self.bytes[..4].try_into().expect("4 bytes"));
            key_at(arena, offset)
        } else {
            &self.bytes[..self.len as usize]
        }
    }
}

/// The set of IDs of one snapshot.
#[derive(Default)]
pub struct IdIndex {
    arena: Vec<u8>,
    table: HashTable<Slot>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of IDs.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when there is no ID.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Where `id` was first seen, if it was.
    pub fn get(&self, id: &str) -> Option<IdEntry> {
        let hash = self.hasher.hash_one(id.as_bytes());
        self.table
            .find(hash, |s| s.key(&self.arena) == id.as_bytes())
            .map(|s| entry(*s))
    }

    /// Records `id` as seen on `row`; if it was already seen, returns where, and changes
    /// nothing.
    ///
    /// # Panics
    /// Above 2^31 rows or 4 GiB of ID text, limits far beyond what a spreadsheet can hold.
    pub fn insert(&mut self, id: &str, row: u64, accepted: bool) -> Result<(), IdEntry> {
        let hash = self.hasher.hash_one(id.as_bytes());
        let (arena, hasher) = (&self.arena, &self.hasher);
        match self.table.entry(
            hash,
            |s| s.key(arena) == id.as_bytes(),
            |s| hasher.hash_one(s.key(arena)),
        ) {
            Entry::Occupied(seen) => Err(entry(*seen.get())),
            Entry::Vacant(vacant) => {
                let row = u32::try_from(row)
                    .ok()
                    .filter(|r| r & LEFT_OUT == 0)
                    .expect("more than 2^31 rows");
                let row = if accepted { row } else { row | LEFT_OUT };
                let mut slot = Slot {
                    len: IN_ARENA,
                    bytes: [0; INLINE],
                    row,
                };
                if id.len() <= INLINE {
                    slot.len = id.len() as u8;
                    slot.bytes[..id.len()].copy_from_slice(id.as_bytes());
                } else {
                    let offset = u32::try_from(self.arena.len()).expect("ID text beyond 4 GiB");
                    slot.bytes[..4].copy_from_slice(&offset.to_le_bytes());
                    write_len(&mut self.arena, id.len());
                    self.arena.extend_from_slice(id.as_bytes());
                }
                vacant.insert(slot);
                Ok(())
            }
        }
    }

    /// Approximate heap bytes held, for diagnostics and benchmarks.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity() + self.table.capacity() * (std::mem::size_of::<Slot>() + 1)
    }
}

fn entry(slot: Slot) -> IdEntry {
    IdEntry {
        row: (slot.row & !LEFT_OUT) as u64,
        accepted: slot.row & LEFT_OUT == 0,
    }
}

/// Appends `len` as a LEB128 varint (one byte for IDs under 128 bytes).
fn write_len(arena: &mut Vec<u8>, mut len: usize) {
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            arena.push(byte);
            return;
        }
        arena.push(byte | 0x80);
    }
}

/// The ID bytes stored at `offset`.
fn key_at(arena: &[u8], offset: u32) -> &[u8] {
    let mut at = offset as usize;
    let (mut len, mut shift) = (0usize, 0);
    loop {
        let byte = arena[at];
        at += 1;
        len |= ((byte & 0x7F) as usize) << shift;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    &arena[at..at + len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_then_get_with_rows_and_flags() {
        let mut ids = IdIndex::new();
        assert_eq!(ids.insert("C-1", 1, true), Ok(()));
        assert_eq!(ids.insert("C-2", 2, false), Ok(()));
        assert_eq!(
            ids.insert("C-1", 9, true),
            Err(IdEntry {
                row: 1,
                accepted: true
            })
        );
        assert_eq!(
            ids.get("C-2"),
            Some(IdEntry {
                row: 2,
                accepted: false
            })
        );
        assert_eq!(ids.get("C-3"), None);
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn long_and_unicode_ids_round_trip_through_the_arena() {
        let mut ids = IdIndex::new();
        let long = "x".repeat(70_000);
        ids.insert(&long, 1, true).unwrap();
        ids.insert("Peña", 2, true).unwrap();
        ids.insert("", 3, true).unwrap();
        assert_eq!(ids.get(&long).unwrap().row, 1);
        assert_eq!(ids.get("Peña").unwrap().row, 2);
        assert_eq!(ids.get("").unwrap().row, 3);
        assert_eq!(ids.get("Pena"), None);
    }

    #[test]
    fn many_ids_survive_rehashing() {
        let mut ids = IdIndex::new();
        for i in 0..100_000u64 {
            ids.insert(&format!("ID{i}"), i + 1, i % 7 != 0).unwrap();
        }
        for i in (0..100_000u64).step_by(997) {
            assert_eq!(
                ids.get(&format!("ID{i}")),
                Some(IdEntry {
                    row: i + 1,
                    accepted: i % 7 != 0
                })
            );
        }
        assert!(ids.heap_bytes() < 100_000 * 40);
    }
}
