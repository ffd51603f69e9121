//! serde_json's pretty output (`to_writer_pretty`, two spaces), byte for byte, written faster
//! for the long arrays of a large roster's JSON (hundreds of thousands of jobs and groups):
//! keys and names are copied whole when they need no escape (serde_json escapes byte by byte,
//! through its formatter), and a value that many jobs share (their occupation's figures, the
//! reference title matched) is rendered once and copied for each job that has it.
//!
//! The numbers are serde_json's own (its formatter writes them); strings are escaped as
//! serde_json escapes them (`\"`, `\\`, `\b \f \n \r \t`, other control characters as
//! `\u00xx`, everything else as it is). Map keys may be strings, characters, numbers, booleans
//! or unit variants, as serde_json allows.

use std::fmt::Display;

use serde::Serialize;
use serde::ser::{self, Error as _, Impossible};
use serde_json::ser::{CompactFormatter, Formatter};

use crate::hashing::FastMap;

type Result<T = ()> = std::result::Result<T, serde_json::Error>;

/// The name under which a value shared by many holders serialises itself
/// (`serialize_newtype_struct(SHARED, value)`): serde_json writes the value alone, as for any
/// newtype; [`Writer`] renders it once per place in memory and depth. Only for a value whose
/// place is its own while the writer lives (behind an `Arc`, not a temporary).
pub const SHARED: &str = "exposure::shared";

/// Renders values as serde_json's pretty printer does; keeps the shared values it has rendered
/// (hold it no longer than the values it rendered: they are known by their address).
#[derive(Default)]
pub struct Writer {
    /// (address, type, depth) → where its text is in `rendered`.
    shared: FastMap<(usize, usize, usize), (usize, usize)>,
    rendered: Vec<u8>,
    /// A struct's field names as written before their values (`,\n      "mean": `), by the
    /// name's address and depth, a slot each (a new name in a taken slot takes it).
    fields: Vec<FieldSlot>,
    /// Texts written through [`Writer::write_keyed`], by their key → where each is in
    /// `rendered`.
    keyed: FastMap<Box<[usize]>, (usize, usize)>,
    /// The text last written through [`Writer::write_again`], and its key.
    last: Option<[usize; 3]>,
    last_text: Vec<u8>,
}

/// How many texts a writer keeps by their key: a few dozen are met again and again (a job's
/// attribute values); past this, texts are written each time rather than kept.
const KEYED_TEXTS: usize = 4096;

#[derive(Clone, Copy, Default)]
struct FieldSlot {
    name: (usize, usize),
    depth: usize,
    /// Where its text is in `rendered`.
    text: (usize, usize),
}

/// Slots for field names: a document has a few dozen (the tests take few, so that names
/// take each other's slots).
const FIELD_SLOTS: usize = if cfg!(test) { 4 } else { 256 };

impl Writer {
    /// `,\n`, the indentation of `depth` and `"name": `, kept for the next fields of that name
    /// (a static string: its address is its own for the program's life).
    fn field_text(&mut self, name: &'static str, depth: usize) -> &[u8] {
        if self.fields.is_empty() {
            self.fields = vec![FieldSlot::default(); FIELD_SLOTS];
        }
        let at = (name.as_ptr() as usize ^ name.len() ^ depth.rotate_left(7)) % FIELD_SLOTS;
        let key = (name.as_ptr() as usize, name.len());
        let slot = self.fields[at];
        let (from, to) = if slot.name == key && slot.depth == depth && slot.text.1 > 0 {
            slot.text
        } else {
            let from = self.rendered.len();
            let mut pretty = Pretty {
                out: &mut self.rendered,
                depth,
                has_value: false,
                writer: &mut Writer::default(),
            };
            pretty.new_line(false);
            write_str(pretty.out, name);
            self.rendered.extend_from_slice(b": ");
            let text = (from, self.rendered.len());
            self.fields[at] = FieldSlot {
                name: key,
                depth,
                text,
            };
            text
        };
        &self.rendered[from..to]
    }

    /// Appends the text `render` appends, rendered once for each `key`: the key stands for the
    /// text (the addresses of what it is written from, which outlive the writer's use).
    pub fn write_keyed(
        &mut self,
        out: &mut Vec<u8>,
        key: &[usize],
        render: impl FnOnce(&mut Vec<u8>),
    ) {
        if let Some(&(from, to)) = self.keyed.get(key) {
            out.extend_from_slice(&self.rendered[from..to]);
            return;
        }
        let start = out.len();
        render(out);
        if self.keyed.len() < KEYED_TEXTS {
            let from = self.rendered.len();
            self.rendered.extend_from_slice(&out[start..]);
            self.keyed.insert(key.into(), (from, self.rendered.len()));
        }
    }

    /// Appends the text `render` appends, or, when `key` is the key of the text written last
    /// through here, that text again: one text kept, for a value that comes again and again
    /// in a row (the file every job and unscored task names), where a look-up by key would
    /// cost about as much as writing it. The key stands for the text as in
    /// [`Writer::write_keyed`].
    pub fn write_again(
        &mut self,
        out: &mut Vec<u8>,
        key: [usize; 3],
        render: impl FnOnce(&mut Vec<u8>),
    ) {
        if self.last == Some(key) {
            out.extend_from_slice(&self.last_text);
            return;
        }
        let start = out.len();
        render(out);
        self.last_text.clear();
        self.last_text.extend_from_slice(&out[start..]);
        self.last = Some(key);
    }

    /// [`Writer::write`] of `value` marked as shared (`serialize_newtype_struct(SHARED, value)`,
    /// as `aggregate::shared` marks a job's occupation figures): its text, once rendered at
    /// this depth, copied from where it is kept without going through serde (two such values
    /// a job, hundreds of thousands of jobs).
    pub fn write_shared<T: ?Sized + Serialize>(
        &mut self,
        out: &mut Vec<u8>,
        depth: usize,
        value: &T,
    ) -> Result {
        if let Some(&(from, to)) = self.shared.get(&shared_key(value, depth)) {
            out.extend_from_slice(&self.rendered[from..to]);
            return Ok(());
        }
        self.write(out, depth, &MarkedShared(value))
    }

    /// Appends `value` to `out` as `to_writer_pretty` writes it `depth` levels deep (an element
    /// of a top-level array is 2 deep): its first line not indented, the next ones indented.
    pub fn write<T: ?Sized + Serialize>(
        &mut self,
        out: &mut Vec<u8>,
        depth: usize,
        value: &T,
    ) -> Result {
        value.serialize(&mut Pretty {
            out,
            depth,
            has_value: false,
            writer: self,
        })
    }
}

/// Where a shared value's text is known by: its place, its type and the depth it is written at.
fn shared_key<T: ?Sized>(value: &T, depth: usize) -> (usize, usize, usize) {
    (
        (value as *const T).cast::<()>() as usize,
        std::any::type_name::<T>().as_ptr() as usize,
        depth,
    )
}

/// A value serialised as marked shared.
struct MarkedShared<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + Serialize> Serialize for MarkedShared<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(SHARED, self.0)
    }
}

struct Pretty<'w> {
    out: &'w mut Vec<u8>,
    depth: usize,
    has_value: bool,
    writer: &'w mut Writer,
}

/// A comma, a line break and the indentation of 32 levels.
const BREAK: &[u8; 66] = b",\n                                                                ";

impl Pretty<'_> {
    fn new_line(&mut self, first: bool) {
        let from = usize::from(first);
        let spaces = 2 * self.depth;
        if spaces <= BREAK.len() - 2 {
            self.out.extend_from_slice(&BREAK[from..2 + spaces]);
        } else {
            self.out.extend_from_slice(&BREAK[from..2]);
            self.out.resize(self.out.len() + spaces, b' ');
        }
    }

    fn begin(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn end(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.new_line(true);
        }
        self.out.push(bracket);
    }

    /// `{"variant": ` of an enum's newtype, tuple or struct variant.
    fn begin_variant(&mut self, variant: &str) {
        self.begin(b'{');
        self.new_line(true);
        write_str(self.out, variant);
        self.out.extend_from_slice(b": ");
    }

    fn end_variant(&mut self) {
        self.has_value = true;
        self.end(b'}');
    }

    fn number(
        &mut self,
        write: impl FnOnce(&mut CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        write(&mut CompactFormatter, self.out).map_err(serde_json::Error::io)
    }
}

/// Opens an array or object (closed at once when it has nothing in it).
fn compound<'p, 'w>(ser: &'p mut Pretty<'w>, bracket: u8, len: Option<usize>) -> Compound<'p, 'w> {
    ser.begin(bracket);
    let state = if len == Some(0) {
        ser.end(closing(bracket));
        State::Empty
    } else {
        State::First
    };
    Compound { ser, state }
}

fn closing(bracket: u8) -> u8 {
    if bracket == b'[' { b']' } else { b'}' }
}

/// How serde_json escapes each byte: 0 not at all, `u` as `\u00xx`, else `\` and this letter.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether any of the 8 bytes of `word` needs an escape: below 0x20, `"` or `\`.
#[inline]
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    below_space | zero_byte(word ^ (ONES * b'"' as u64)) | zero_byte(word ^ (ONES * b'\\' as u64))
        != 0
}

/// `text` as a JSON string, escaped as serde_json escapes it.
#[inline]
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    out.reserve(n + 2);
    let at = out.len();
    // SAFETY: `reserve` made room for `n + 2` bytes after the `at` written: the quotes at
    // `at` and `at + n + 1`, `copy_plain` writes inside `at + 1 .. at + 1 + n`. When the text
    // is copied whole, those `n + 2` bytes are all written before the length takes them in;
    // otherwise the length is left as it was.
    unsafe {
        let to = out.as_mut_ptr().add(at);
        if copy_plain(bytes, to.add(1)) {
            to.write(b'"');
            to.add(n + 1).write(b'"');
            out.set_len(at + n + 2);
            return;
        }
    }
    out.push(b'"');
    write_escaped(out, bytes);
    out.push(b'"');
}

/// Copies `bytes` to `to` when none needs an escape (whether it did): the test and the copy
/// in one pass, a word or a block at a time, the last one overlapping the one before, rather
/// than a test then a call to `memcpy` (most strings are 5 to 40 bytes).
///
/// # Safety
/// `to` is valid for writes of `bytes.len()` bytes.
#[inline]
unsafe fn copy_plain(bytes: &[u8], to: *mut u8) -> bool {
    let n = bytes.len();
    let from = bytes.as_ptr();
    if n >= 16 {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        // SAFETY: SSE2 is enabled (the `cfg` above), as on every x86_64 target; `to` is the
        // caller's.
        return unsafe { copy_plain_sse2(bytes, to) };
    }
    // SAFETY: every read is of 8 (or 4) bytes inside `bytes`, every write of as many inside
    // `to .. to + n` (the caller's); neither needs alignment.
    unsafe {
        if n >= 8 {
            let mut at = 0;
            loop {
                let word = from.add(at).cast::<u64>().read_unaligned();
                if needs_escape(u64::from_le(word)) {
                    return false;
                }
                to.add(at).cast::<u64>().write_unaligned(word);
                if at + 8 == n {
                    return true;
                }
                at = (at + 8).min(n - 8);
            }
        }
        if n >= 4 {
            let first = from.cast::<u32>().read_unaligned();
            let last = from.add(n - 4).cast::<u32>().read_unaligned();
            let both = u64::from(u32::from_le(first)) | u64::from(u32::from_le(last)) << 32;
            if needs_escape(both) {
                return false;
            }
            to.cast::<u32>().write_unaligned(first);
            to.add(n - 4).cast::<u32>().write_unaligned(last);
            return true;
        }
        for (i, &b) in bytes.iter().enumerate() {
            if ESCAPE[b as usize] != 0 {
                return false;
            }
            to.add(i).write(b);
        }
        true
    }
}

/// [`copy_plain`] of 16 bytes or more, 16 at a time.
///
/// # Safety
/// `bytes` is 16 bytes or more, `to` valid for writes of `bytes.len()` bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
unsafe fn copy_plain_sse2(bytes: &[u8], to: *mut u8) -> bool {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_storeu_si128,
    };
    let n = bytes.len();
    let (space, quote, backslash) = (
        _mm_set1_epi8(0x1f),
        _mm_set1_epi8(b'"' as i8),
        _mm_set1_epi8(b'\\' as i8),
    );
    let mut at = 0;
    loop {
        // SAFETY: `at + 16 <= n`: the block lies inside `bytes`, and inside `to .. to + n`
        // (the caller's); loads and stores need no alignment.
        let block = unsafe { _mm_loadu_si128(bytes.as_ptr().add(at).cast()) };
        // Below 0x20 (unsigned: the block's minimum with 0x1f is itself), `"` or `\`.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(block, space), block);
        let escaped = _mm_or_si128(
            control,
            _mm_or_si128(
                _mm_cmpeq_epi8(block, quote),
                _mm_cmpeq_epi8(block, backslash),
            ),
        );
        if _mm_movemask_epi8(escaped) != 0 {
            return false;
        }
        // SAFETY: as the load's.
        unsafe { _mm_storeu_si128(to.add(at).cast(), block) };
        if at + 16 == n {
            return true;
        }
        at = (at + 16).min(n - 16);
    }
}

/// A number as serde_json writes it (`null` when not finite).
#[inline]
pub fn write_f64(out: &mut Vec<u8>, v: f64) {
    if !v.is_finite() {
        out.extend_from_slice(b"null");
    } else if let Some(n) = hundredths(v) {
        write_hundredths(out, v.is_sign_negative(), n);
    } else {
        // Writing to a `Vec` cannot fail.
        let _ = CompactFormatter.write_f64(out, v);
    }
}

/// `n` when `v` is the double nearest to `n / 100` (most figures are rounded to 2 decimals),
/// below 10^9: then the shortest decimal that reads back as `v`, which serde_json writes, is
/// `n / 100` (any shorter decimal is another multiple of 0.01, so another double).
#[inline]
fn hundredths(v: f64) -> Option<u64> {
    let a = v.abs();
    if a >= 1e9 {
        return None;
    }
    // When some `n / 100` reads back as `a`, `a · 100` is within 10^-4 of `n`, so truncating
    // `a · 100 + 0.5` gives that `n` (inline: `f64::round` is a call into libm).
    // As an `i64` (below 10^11 here): x86_64 converts it to and from a double in one
    // instruction each way (beside `as`'s checks), a `u64` in a dozen.
    let n = (a * 100.0 + 0.5) as i64;
    // Division is correctly rounded: `n / 100.0` is the double nearest to n / 100.
    (n as f64 / 100.0 == a).then_some(n as u64)
}

/// `n / 100` as serde_json writes a double: at least one decimal, no trailing zero after it.
fn write_hundredths(out: &mut Vec<u8>, negative: bool, n: u64) {
    // Below 10 (means, SDs, shares: most of a job's doubles): one digit, the point and one or
    // two decimals, copied at a length known here.
    if n < 1000 && !negative {
        let (whole, cents) = (n / 100, n % 100);
        let digits = [
            b'0' + whole as u8,
            b'.',
            b'0' + (cents / 10) as u8,
            b'0' + (cents % 10) as u8,
        ];
        if cents % 10 == 0 {
            out.extend_from_slice(&digits[..3]);
        } else {
            out.extend_from_slice(&digits);
        }
        return;
    }
    // Else (headcounts, agents) the whole part as an integer, two digits at a time, then the
    // decimals at a known length.
    if negative {
        out.push(b'-');
    }
    write_u64(out, n / 100);
    let cents = (n % 100) as u8;
    let decimals = [b'.', b'0' + cents / 10, b'0' + cents % 10];
    if cents % 10 == 0 {
        out.extend_from_slice(&decimals[..2]);
    } else {
        out.extend_from_slice(&decimals);
    }
}

/// A number as serde_json writes it.
#[inline]
pub fn write_u64(out: &mut Vec<u8>, v: u64) {
    // Most of a job's counts (its tasks, scored, exposed) are one digit.
    if v < 10 {
        out.push(b'0' + v as u8);
    } else {
        let _ = CompactFormatter.write_u64(out, v);
    }
}

/// The inside of a string some of whose bytes need an escape.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[b as usize];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

#[derive(PartialEq)]
enum State {
    Empty,
    First,
    Rest,
}

struct Compound<'p, 'w> {
    ser: &'p mut Pretty<'w>,
    state: State,
}

impl<'p, 'w> Compound<'p, 'w> {
    fn next(&mut self) {
        let first = self.state == State::First;
        self.state = State::Rest;
        self.ser.new_line(first);
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.ser)?;
        self.ser.has_value = true;
        Ok(())
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        let first = self.state == State::First;
        self.state = State::Rest;
        let text = self.ser.writer.field_text(key, self.ser.depth);
        // The first field's line has no comma before it.
        self.ser.out.extend_from_slice(&text[usize::from(first)..]);
        value.serialize(&mut *self.ser)?;
        self.ser.has_value = true;
        Ok(())
    }

    /// The end of the array or object; gives back the serializer.
    fn close(self, bracket: u8) -> &'p mut Pretty<'w> {
        if self.state != State::Empty {
            self.ser.end(bracket);
        }
        self.ser
    }
}

/// The `serialize_` methods of the integers, each written by serde_json's formatter through
/// `$how` (`number`, or `quoted` for a map's key).
macro_rules! integers {
    ($how:ident) => {
        integers!($how: serialize_i8 i8 write_i8, serialize_i16 i16 write_i16,
            serialize_i32 i32 write_i32, serialize_i64 i64 write_i64,
            serialize_i128 i128 write_i128, serialize_u8 u8 write_u8,
            serialize_u16 u16 write_u16, serialize_u32 u32 write_u32,
            serialize_u64 u64 write_u64, serialize_u128 u128 write_u128);
    };
    ($how:ident: $($method:ident $int:ident $write:ident),*) => {$(
        fn $method(self, v: $int) -> Result {
            self.$how(|f, out| f.$write(out, v))
        }
    )*};
}

impl<'p, 'w> ser::Serializer for &'p mut Pretty<'w> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'p, 'w>;
    type SerializeTuple = Compound<'p, 'w>;
    type SerializeTupleStruct = Compound<'p, 'w>;
    type SerializeTupleVariant = Compound<'p, 'w>;
    type SerializeMap = Compound<'p, 'w>;
    type SerializeStruct = Compound<'p, 'w>;
    type SerializeStructVariant = Compound<'p, 'w>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    integers!(number);

    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return self.serialize_unit();
        }
        self.number(|f, out| f.write_f32(out, v))
    }

    fn serialize_f64(self, v: f64) -> Result {
        write_f64(self.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        if name != SHARED {
            return value.serialize(self);
        }
        // Rendered at this depth before: the same text.
        let key = shared_key(value, self.depth);
        if let Some(&(from, to)) = self.writer.shared.get(&key) {
            self.out.extend_from_slice(&self.writer.rendered[from..to]);
            return Ok(());
        }
        let start = self.out.len();
        value.serialize(&mut *self)?;
        let from = self.writer.rendered.len();
        self.writer.rendered.extend_from_slice(&self.out[start..]);
        self.writer
            .shared
            .insert(key, (from, self.writer.rendered.len()));
        Ok(())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.begin_variant(variant);
        value.serialize(&mut *self)?;
        self.end_variant();
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'p, 'w>> {
        Ok(compound(self, b'[', len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'p, 'w>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'p, 'w>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'p, 'w>> {
        self.begin_variant(variant);
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'p, 'w>> {
        Ok(compound(self, b'{', len))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'p, 'w>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'p, 'w>> {
        self.begin_variant(variant);
        self.serialize_map(Some(len))
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result {
        self.serialize_str(&value.to_string())
    }
}

/// The compounds written as arrays: each element on its line, in brackets.
macro_rules! array_like {
    ($($kind:ident :: $add:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn $add<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }

            fn end(self) -> Result {
                self.close(b']');
                Ok(())
            }
        }
    )*};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close(b']').end_variant();
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.next();
        key.serialize(MapKey(&mut *self.ser))
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.ser.out.extend_from_slice(b": ");
        value.serialize(&mut *self.ser)?;
        self.ser.has_value = true;
        Ok(())
    }

    fn end(self) -> Result {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.close(b'}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }

    fn end(self) -> Result {
        self.close(b'}').end_variant();
        Ok(())
    }
}

/// A map's key: a string, or a number, boolean or character written as one.
struct MapKey<'p, 'w>(&'p mut Pretty<'w>);

impl MapKey<'_, '_> {
    fn quoted(
        self,
        write: impl FnOnce(&mut CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        self.0.out.push(b'"');
        self.0.number(write)?;
        self.0.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> serde_json::Error {
    serde_json::Error::custom("key must be a string")
}

impl ser::Serializer for MapKey<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Impossible<(), serde_json::Error>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    fn serialize_str(self, v: &str) -> Result {
        write_str(self.0.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(|f, out| f.write_bool(out, v))
    }

    integers!(quoted);

    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(serde_json::Error::custom("float key must be finite"));
        }
        self.quoted(|f, out| f.write_f32(out, v))
    }

    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(serde_json::Error::custom("float key must be finite"));
        }
        self.quoted(|f, out| f.write_f64(out, v))
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result {
        self.serialize_str(&value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::Value;

    use super::*;

    /// A double as `write_f64` writes it, against serde_json's.
    fn same_f64(v: f64) {
        let mut ours = Vec::new();
        write_f64(&mut ours, v);
        let theirs = serde_json::to_vec(&v).unwrap();
        assert!(ours == theirs, "{v:?}: {ours:?}");
    }

    /// Doubles of two decimals (the fast path) and their neighbours (not of two decimals),
    /// both signs, up to past the path's bound; sums that miss two decimals; the edges.
    #[test]
    fn doubles_come_out_as_serde_json_writes_them() {
        let neighbours = |v: f64| {
            [
                v,
                f64::from_bits(v.to_bits() + 1),
                f64::from_bits(v.to_bits().max(1) - 1),
            ]
        };
        for n in (0..300_000i64).chain((0..2000).map(|k| 999_999_000 * 100 + k * 97)) {
            for v in neighbours(n as f64 / 100.0) {
                same_f64(v);
                same_f64(-v);
            }
        }
        for v in [
            0.1 + 0.2,
            1.0 / 3.0,
            2.675,
            1e9,
            1e9 - 0.01,
            1e15,
            1e16,
            1e-5,
            5e-324,
            f64::MAX,
        ] {
            same_f64(v);
            same_f64(-v);
        }
        let mut out = Vec::new();
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            write_f64(&mut out, v);
        }
        assert_eq!(out, b"nullnullnull");
    }

    /// Integers as `write_u64` writes them, against serde_json's: every one to 10,000, and
    /// the edges of each count of digits.
    #[test]
    fn integers_come_out_as_serde_json_writes_them() {
        let edges = (1..20).flat_map(|d| {
            let p = 10u64.pow(d);
            [p - 1, p, p + 1]
        });
        for v in (0..=10_000).chain(edges).chain([u64::MAX - 1, u64::MAX]) {
            let mut ours = Vec::new();
            write_u64(&mut ours, v);
            assert_eq!(ours, serde_json::to_vec(&v).unwrap(), "{v}");
        }
    }

    proptest! {
        #[test]
        fn any_double_comes_out_as_serde_json_writes_it(bits in any::<u64>(), cents in -10_000_000i64..10_000_000) {
            let v = f64::from_bits(bits);
            if v.is_finite() {
                same_f64(v);
            }
            same_f64(cents as f64 / 100.0);
        }
    }

    /// Ours at the top level, against serde_json's.
    fn same<T: ?Sized + Serialize>(value: &T) {
        let theirs = serde_json::to_vec_pretty(value).unwrap();
        let mut ours = Vec::new();
        Writer::default().write(&mut ours, 0, value).unwrap();
        assert!(
            ours == theirs,
            "ours:\n{}\ntheirs:\n{}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    /// A value marked as shared, as `aggregate` marks a job's occupation figures.
    struct Shared<'a, T>(&'a T);

    impl<T: Serialize> Serialize for Shared<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_newtype_struct(SHARED, self.0)
        }
    }

    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    enum Variant {
        Unit,
        Newtype(f64),
        Tuple(u8, Vec<u8>),
        EmptyTuple(),
        Struct { a: Option<String>, b: Vec<Variant> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(i32);

    #[derive(Serialize)]
    struct Tuple(i8, &'static str);

    #[repr(C)]
    #[derive(Serialize)]
    struct Pair {
        first: u64,
        second: &'static str,
    }

    #[derive(Serialize)]
    struct Everything<'a> {
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        tuple: Tuple,
        variants: Vec<Variant>,
        empty: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        nested_empty: Vec<Vec<Vec<u8>>>,
        ints: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
        extremes: (i64, u64, i128, u128),
        bools: [bool; 2],
        chars: [char; 4],
        bytes: Bytes<'a>,
        no_bytes: Bytes<'a>,
        by_int: BTreeMap<i64, &'static str>,
        by_bool: BTreeMap<bool, u8>,
        by_char: BTreeMap<char, u8>,
        by_unit_variant: BTreeMap<&'static str, Variant>,
        floats: Vec<f64>,
        floats32: Vec<f32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        none: Option<u8>,
        shared: Vec<Shared<'a, Pair>>,
        shared_deeper: Vec<Vec<Shared<'a, Pair>>>,
        shared_first_field: Shared<'a, u64>,
        shared_str: Shared<'a, &'static str>,
    }

    const FLOATS: [f64; 18] = [
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1,
        0.38,
        1.0 / 3.0,
        123_456_789.0,
        1e15,
        1e16,
        1e21,
        1e-7,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];

    #[test]
    fn every_shape_serde_has_comes_out_as_serde_json_writes_it() {
        let pair = Pair {
            first: 7,
            second: "une \"paire\"\n",
        };
        let other = Pair {
            first: 8,
            second: "autre",
        };
        let value = Everything {
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(-3),
            tuple: Tuple(-1, "t"),
            variants: vec![
                Variant::Unit,
                Variant::Newtype(0.5),
                Variant::Newtype(f64::NAN),
                Variant::Tuple(1, vec![]),
                Variant::Tuple(2, vec![3, 4]),
                Variant::EmptyTuple(),
                Variant::Struct { a: None, b: vec![] },
                Variant::Struct {
                    a: Some("a".into()),
                    b: vec![Variant::Unit, Variant::EmptyStruct {}],
                },
                Variant::EmptyStruct {},
            ],
            empty: vec![],
            empty_map: BTreeMap::new(),
            nested_empty: vec![vec![], vec![vec![]], vec![vec![1]]],
            ints: (-8, -16, -32, -64, -128, 8, 16, 32, 64, 128),
            extremes: (i64::MIN, u64::MAX, i128::MIN, u128::MAX),
            bools: [true, false],
            chars: ['a', '"', '\u{1}', 'é'],
            bytes: Bytes(b"\x00\xff ok"),
            no_bytes: Bytes(b""),
            by_int: BTreeMap::from([(-1, "moins"), (0, "zéro"), (i64::MAX, "max")]),
            by_bool: BTreeMap::from([(false, 0), (true, 1)]),
            by_char: BTreeMap::from([('\n', 0), ('ÿ', 1)]),
            by_unit_variant: BTreeMap::from([("u", Variant::Unit)]),
            floats: FLOATS.to_vec(),
            floats32: FLOATS
                .iter()
                .map(|&f| f as f32)
                .chain([0.1f32, 16_777_217.0])
                .collect(),
            skipped: None,
            none: None,
            shared: vec![Shared(&pair), Shared(&other), Shared(&pair)],
            shared_deeper: vec![vec![Shared(&pair), Shared(&other)], vec![Shared(&pair)]],
            shared_first_field: Shared(&pair.first),
            shared_str: Shared(&pair.second),
        };
        same(&value);
        same(&[&value, &value]);
        // A key serde_json refuses, refused.
        let refused = BTreeMap::from([((1, 2), 3)]);
        assert!(serde_json::to_vec_pretty(&refused).is_err());
        assert!(
            Writer::default()
                .write(&mut Vec::new(), 0, &refused)
                .is_err()
        );
    }

    /// Every byte that may need an escape, at every place of an 8-byte word, among ASCII and
    /// longer characters.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "Direction générale des services".into(),
            "Officier(ère) d'état civil 🙂 \u{2028}\u{7f}\u{80}\u{ffff}".into(),
        ];
        for c in (0u8..0x80).map(char::from).chain(['é', '€', '🙂']) {
            texts.push(c.to_string());
            texts.push(format!("ab{c}"));
            for at in 0..17 {
                let mut text: String = "abcdefghijklmnopq".chars().take(at).collect();
                text.push(c);
                text.push_str("rstuvwxyz");
                texts.push(text);
            }
            texts.push(c.to_string().repeat(20));
        }
        same(&texts);
        let keyed: BTreeMap<&str, &str> = texts.iter().map(|t| (t.as_str(), t.as_str())).collect();
        same(&keyed);
    }

    /// `write_str` copies a word or a block at a time: every length to 48, plain and with a
    /// byte that needs an escape (or a character of two to four bytes) at each place, written
    /// after text already there.
    #[test]
    fn strings_of_every_length_are_written_as_serde_json_writes_them() {
        let plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for n in 0..=48 {
            let mut texts = vec![plain[..n].to_string()];
            for c in [
                '"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}', 'é', '€', '🙂',
            ] {
                for at in 0..n {
                    texts.push(format!("{}{c}{}", &plain[..at], &plain[at + 1..n]));
                }
            }
            for text in texts {
                let mut ours = b"[".to_vec();
                write_str(&mut ours, &text);
                let theirs = [b"[".as_slice(), &serde_json::to_vec(&text).unwrap()].concat();
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }

    /// A shared value rendered at one depth is not copied at another, and an Arc freed and its
    /// place reused by another value is not mistaken for it within one writer's life.
    #[test]
    fn shared_values_are_copied_only_where_they_read_the_same() {
        let figures = Arc::new(Pair {
            first: 1,
            second: "figures",
        });
        let mut writer = Writer::default();
        let mut shallow = Vec::new();
        let mut deep = Vec::new();
        writer.write(&mut shallow, 0, &Shared(&*figures)).unwrap();
        writer.write(&mut deep, 3, &Shared(&*figures)).unwrap();
        assert_eq!(shallow, serde_json::to_vec_pretty(&*figures).unwrap());
        assert_ne!(shallow, deep);
        let mut again = Vec::new();
        Writer::default().write(&mut again, 3, &*figures).unwrap();
        assert_eq!(deep, again);
    }

    /// A shared value written directly is written as through serde, whether its text was
    /// rendered before (by either way) or not, at each depth.
    #[test]
    fn shared_values_written_directly_read_as_through_serde() {
        let figures = Arc::new(Pair {
            first: 1,
            second: "figures",
        });
        let other = Arc::new(Pair {
            first: 2,
            second: "other",
        });
        for depth in [0, 3] {
            let mut expected = Vec::new();
            Writer::default()
                .write(&mut expected, depth, &*figures)
                .unwrap();
            let mut writer = Writer::default();
            for direct_first in [true, false] {
                let (mut direct, mut serde) = (Vec::new(), Vec::new());
                if direct_first {
                    writer.write_shared(&mut direct, depth, &*figures).unwrap();
                    writer.write(&mut serde, depth, &Shared(&*figures)).unwrap();
                } else {
                    writer.write(&mut serde, depth, &Shared(&*other)).unwrap();
                    writer.write_shared(&mut direct, depth, &*other).unwrap();
                    expected.clear();
                    Writer::default()
                        .write(&mut expected, depth, &*other)
                        .unwrap();
                }
                assert_eq!(direct, expected);
                assert_eq!(serde, expected);
                let mut again = Vec::new();
                let value = if direct_first { &figures } else { &other };
                writer.write_shared(&mut again, depth, &**value).unwrap();
                assert_eq!(again, expected);
            }
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (-1e6..1e6f64).prop_map(|f| Value::from((f * 100.0).round() / 100.0)),
            ".*".prop_map(Value::String),
            "[\\x00-\\x7f]{0,20}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((".*", inner), 0..8)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value_comes_out_as_serde_json_writes_it(v in value()) {
            same(&v);
        }

        #[test]
        fn any_string_is_written_as_serde_json_writes_it(text in ".{0,70}|[\\x00-\\x7f]{0,70}") {
            let mut ours = Vec::new();
            write_str(&mut ours, &text);
            prop_assert_eq!(ours, serde_json::to_vec(&text).unwrap());
        }
    }

    /// A text written again is the text written the first time, however keys follow each
    /// other (the same key in a row, another key between, a key met before the last).
    #[test]
    fn a_text_written_again_is_the_text_written() {
        let texts = ["/a.csv", "b \"c\".csv", "", "/a.csv"];
        let mut w = Writer::default();
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for k in [0, 0, 1, 1, 1, 0, 2, 2, 3, 0, 3, 3, 1] {
            let text = texts[k];
            let key = [text.as_ptr() as usize, text.len(), k % 2];
            w.write_again(&mut ours, key, |out| {
                out.push(b'{');
                write_str(out, text);
            });
            theirs.push(b'{');
            write_str(&mut theirs, text);
            ours.push(b';');
            theirs.push(b';');
        }
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }
}
