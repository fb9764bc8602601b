//! [`IdIndex`]: the IDs of one snapshot, kept compactly, with the row each came from and
//! whether that row was accepted.
//!
//! Memory grows with the number of IDs, never with the rows' other columns. The index is an
//! open-addressing hash table (linear probing) of 16-byte slots, four to a cache line. An ID
//! of up to [`INLINE`] bytes — nearly every real ID: `CL0518771`, `V-0042`, a CUIT — sits in
//! its slot; a longer one lives in an arena (length prefix, then bytes) and its slot holds the
//! arena offset and 56 bits of its hash. Lookups always compare the exact text, so IDs whose
//! hashes collide are still told apart, yet a typical lookup touches one cache line.
//!
//! That one memory access is most of what validation costs on large files, so the index also
//! lets callers [`IdIndex::prefetch`] the slots of a whole batch of IDs before looking them up:
//! the memory loads then overlap instead of waiting one after another.

use foldhash::fast::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// IDs up to this many bytes are stored in the slot itself.
pub const INLINE: usize = 11;

/// The high bit of a slot's row marks a row that was left out.
const LEFT_OUT: u32 = 1 << 31;

/// `Slot::tag` of an unused slot.
const EMPTY: u8 = 0;

/// `Slot::tag` of an ID stored in the arena.
const IN_ARENA: u8 = u8::MAX;

/// Where an ID was first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdEntry {
    /// The 1-based data row holding the ID.
    pub row: u64,
    /// False when that row was left out for its own errors.
    pub accepted: bool,
}

/// The hash of an ID, computed once and usable with any [`IdIndex`] (they share one hasher).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdHash(u64);

impl IdHash {
    /// Hashes the ID text `id`.
    pub fn of(id: &str) -> IdHash {
        IdHash::of_bytes(id.as_bytes())
    }

    /// Hashes the UTF-8 bytes of an ID.
    pub fn of_bytes(bytes: &[u8]) -> IdHash {
        // One process-wide seed: a hash computed for a child's ref works with any parent.
        static HASHER: OnceLock<RandomState> = OnceLock::new();
        IdHash(HASHER.get_or_init(RandomState::default).hash_one(bytes))
    }
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    /// [`EMPTY`]; 1 + the length of an inline ID; or [`IN_ARENA`].
    tag: u8,
    /// The inline ID's bytes; or the arena offset (4 bytes LE) and 7 bytes of the hash.
    bytes: [u8; INLINE],
    /// The row, with [`LEFT_OUT`] set when the row was left out.
    row: u32,
}

/// The set of IDs of one snapshot.
pub struct IdIndex {
    slots: Box<[Slot]>,
    len: usize,
    arena: Vec<u8>,
}

impl Default for IdIndex {
    fn default() -> Self {
        IdIndex {
            slots: empty_slots(16),
            len: 0,
            arena: Vec::new(),
        }
    }
}

impl IdIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty index with room for about `ids` IDs before it must grow (growing a large
    /// table costs time, and memory while old and new coexist).
    pub fn with_capacity(ids: usize) -> Self {
        let slots = (ids.saturating_mul(10) / 7 + 1).max(16);
        IdIndex {
            slots: empty_slots(slots),
            len: 0,
            arena: Vec::new(),
        }
    }

    /// The number of IDs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there is no ID.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where `id` was first seen, if it was.
    pub fn get(&self, id: &str) -> Option<IdEntry> {
        self.get_hashed(id.as_bytes(), IdHash::of(id))
    }

    /// [`IdIndex::get`] for the ID's UTF-8 bytes, with their hash already computed.
    pub fn get_hashed(&self, id: &[u8], hash: IdHash) -> Option<IdEntry> {
        match self.probe(id, hash) {
            Ok(i) => Some(entry(self.slots[i])),
            Err(_) => None,
        }
    }

    /// Starts loading the slot where an ID of `hash` lives, so that a lookup shortly after
    /// finds it in cache. Purely a hint: it changes nothing and cannot fail.
    pub fn prefetch(&self, hash: IdHash) {
        let slot: *const Slot = &self.slots[self.home(hash)];
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch never faults, whatever the address, and SSE (which provides it)
        // is part of the x86_64 baseline; the pointer is to a live slot anyway.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(slot.cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = slot;
    }

    /// Records `id` as seen on `row`; if it was already seen, returns where, and changes
    /// nothing.
    pub fn insert(&mut self, id: &str, row: u64, accepted: bool) -> Result<(), IdEntry> {
        self.insert_hashed(id.as_bytes(), IdHash::of(id), row, accepted)
    }

    /// [`IdIndex::insert`] for the ID's UTF-8 bytes, with their hash already computed.
    ///
    /// # Panics
    /// Above 2^31 rows or 4 GiB of long-ID text, limits far beyond what a spreadsheet holds.
    pub fn insert_hashed(
        &mut self,
        id: &[u8],
        hash: IdHash,
        row: u64,
        accepted: bool,
    ) -> Result<(), IdEntry> {
        if (self.len + 1) * 10 > self.slots.len() * 7 {
            self.grow();
        }
        let at = match self.probe(id, hash) {
            Ok(i) => return Err(entry(self.slots[i])),
            Err(free) => free,
        };
        let row = u32::try_from(row)
            .ok()
            .filter(|r| r & LEFT_OUT == 0)
            .expect("more than 2^31 rows");
        let mut slot = Slot {
            tag: IN_ARENA,
            bytes: [0; INLINE],
            row: if accepted { row } else { row | LEFT_OUT },
        };
        if id.len() <= INLINE {
            slot.tag = id.len() as u8 + 1;
            slot.bytes[..id.len()].copy_from_slice(id);
        } else {
            let offset = u32::try_from(self.arena.len()).expect("long-ID text beyond 4 GiB");
            slot.bytes[..4].copy_from_slice(&offset.to_le_bytes());
            slot.bytes[4..].copy_from_slice(&hash.0.to_le_bytes()[..7]);
            write_len(&mut self.arena, id.len());
            self.arena.extend_from_slice(id);
        }
        self.slots[at] = slot;
        self.len += 1;
        Ok(())
    }

    /// Approximate heap bytes held, for diagnostics and benchmarks.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity() + std::mem::size_of_val(&*self.slots)
    }

    /// The slot where probing for `hash` starts. The table's size is not a power of two
    /// (it is sized to the IDs expected, which saves a third of the memory on average and
    /// keeps more of it in cache), so the hash is mapped onto it by multiplication.
    fn home(&self, hash: IdHash) -> usize {
        ((hash.0 as u128 * self.slots.len() as u128) >> 64) as usize
    }

    /// The slot holding `id` (`Ok`), or the free slot where it would go (`Err`).
    fn probe(&self, id: &[u8], hash: IdHash) -> Result<usize, usize> {
        let mut i = self.home(hash);
        // What the slot of an inline `id` holds: comparing whole arrays avoids a memcmp call.
        let inline = id.len() <= INLINE;
        let mut key = [0u8; INLINE];
        if inline {
            key[..id.len()].copy_from_slice(id);
        }
        let tag = if inline { id.len() as u8 + 1 } else { IN_ARENA };
        loop {
            let slot = &self.slots[i];
            if slot.tag == EMPTY {
                return Err(i);
            }
            if slot.tag == tag {
                let found = if inline {
                    slot.bytes == key
                } else {
                    slot.bytes[4..] == hash.0.to_le_bytes()[..7] && self.arena_key(slot) == id
                };
                if found {
                    return Ok(i);
                }
            }
            i = next(i, self.slots.len());
        }
    }

    fn arena_key(&self, slot: &Slot) -> &[u8] {
        let offset = u32::from_le_bytes(slot.bytes[..4].try_into().expect("4 bytes"));
        key_at(&self.arena, offset)
    }

    /// Doubles the table and re-places every slot.
    fn grow(&mut self) {
        let bigger = empty_slots(self.slots.len() * 2);
        let old = std::mem::replace(&mut self.slots, bigger);
        for slot in old.iter().filter(|s| s.tag != EMPTY) {
            let key = if slot.tag == IN_ARENA {
                self.arena_key(slot)
            } else {
                &slot.bytes[..slot.tag as usize - 1]
            };
            let hash = IdHash::of_bytes(key);
            let mut i = self.home(hash);
            while self.slots[i].tag != EMPTY {
                i = next(i, self.slots.len());
            }
            self.slots[i] = *slot;
        }
    }
}

/// A table of `n` empty slots. A large one asks for huge pages (Linux's transparent huge
/// pages, which this asks for where they are given only on request): lookups land anywhere in
/// tens of megabytes, and with 4 KiB pages nearly each one also misses the TLB, which stalls
/// even the prefetches (measured: most of the time of a 1M-client check went there).
///
/// The table is allocated zeroed and not written: a large allocation is fresh memory the
/// system gives already zeroed, so its pages are only filled as IDs land in them, while the
/// file is read, instead of all at once before its first record (measured: up to a tenth of
/// a 1M-client check on a virtual machine, where first touching memory is slow).
fn empty_slots(n: usize) -> Box<[Slot]> {
    let layout = std::alloc::Layout::array::<Slot>(n).expect("a table that fits in memory");
    assert!(layout.size() > 0, "a table has slots");
    // SAFETY: the layout is not zero-sized (asserted).
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    advise_huge_pages(ptr, layout.size());
    // SAFETY: `ptr` is a live allocation of the global allocator for `Layout::array::<Slot>(n)`,
    // which is the layout a `Box<[Slot]>` of `n` slots frees with; all its bytes are zero, and
    // all-zero bytes are a valid `Slot`: `Slot::default()`, an empty slot.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr.cast::<Slot>(), n)) }
}

/// Asks that the untouched allocation `ptr..ptr + len` be backed by huge pages when it is
/// large enough for some; a hint that changes no content.
#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    const PAGE: usize = 4096;
    if len < 2 * HUGE_PAGE {
        return;
    }
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + len) / PAGE * PAGE;
    if end > start {
        // SAFETY: `start..end` lies inside an allocation the caller owns; MADV_HUGEPAGE only
        // changes how its pages are backed, never what they hold, and cannot fault.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

/// Elsewhere huge pages are the system's business.
#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}

/// The slot after `i` in a table of `len` slots, wrapping around.
fn next(i: usize, len: usize) -> usize {
    if i + 1 == len {
        0
    } else {
        i + 1
    }
}

fn entry(slot: Slot) -> IdEntry {
    IdEntry {
        row: (slot.row & !LEFT_OUT) as u64,
        accepted: slot.row & LEFT_OUT == 0,
    }
}

/// Appends `len` as a LEB128 varint.
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
    fn a_new_table_of_any_size_is_all_empty_slots() {
        for n in [16, 1000, 1 << 20] {
            let slots = empty_slots(n);
            assert_eq!(slots.len(), n);
            assert!(slots
                .iter()
                .all(|s| s.tag == EMPTY && s.row == 0 && s.bytes == [0; INLINE]));
        }
    }

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
    fn long_short_and_unicode_ids_are_told_apart() {
        let mut ids = IdIndex::new();
        let long = "x".repeat(70_000);
        let eleven = "12345678901";
        let twelve = "123456789012";
        for (row, id) in [long.as_str(), "Peña", "", eleven, twelve]
            .iter()
            .enumerate()
        {
            ids.insert(id, row as u64 + 1, true).unwrap();
        }
        assert_eq!(ids.get(&long).unwrap().row, 1);
        assert_eq!(ids.get("Peña").unwrap().row, 2);
        assert_eq!(ids.get("").unwrap().row, 3);
        assert_eq!(ids.get(eleven).unwrap().row, 4);
        assert_eq!(ids.get(twelve).unwrap().row, 5);
        assert_eq!(ids.get("Pena"), None);
        assert_eq!(ids.get(&long[1..]), None);
        assert_eq!(ids.get("1234567890123"), None);
    }

    #[test]
    fn a_large_table_asking_for_huge_pages_is_whole_and_empty() {
        let n = (5 << 20) / std::mem::size_of::<Slot>() + 3;
        let slots = empty_slots(n);
        assert_eq!(slots.len(), n);
        assert!(slots.iter().all(|s| s.tag == EMPTY && s.row == 0));
        let mut ids = IdIndex::with_capacity(400_000);
        assert!(ids.insert("A-1", 1, true).is_ok());
        assert_eq!(ids.get("A-1").map(|e| e.row), Some(1));
    }

    #[test]
    fn many_ids_survive_growth() {
        let mut ids = IdIndex::new();
        for i in 0..100_000u64 {
            let id = if i % 3 == 0 {
                format!("a-rather-long-identifier-{i}")
            } else {
                format!("ID{i}")
            };
            ids.insert(&id, i + 1, i % 7 != 0).unwrap();
        }
        assert_eq!(ids.len(), 100_000);
        for i in 0..100_000u64 {
            let id = if i % 3 == 0 {
                format!("a-rather-long-identifier-{i}")
            } else {
                format!("ID{i}")
            };
            assert_eq!(
                ids.get(&id),
                Some(IdEntry {
                    row: i + 1,
                    accepted: i % 7 != 0
                })
            );
            ids.prefetch(IdHash::of(&id));
        }
        assert_eq!(ids.get("ID100000"), None);
        assert!(ids.heap_bytes() < 100_000 * 64, "{}", ids.heap_bytes());
    }
}
