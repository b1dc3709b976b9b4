#include "text/speller.h"

#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <atomic>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "cache.h"
#include "stage_clock.h"
#include "text/huge_pages.h"
#include "text/segment.h"

namespace concord {

// The words of an affix-free .dic as open-addressing hash tables over the
// file's bytes (8 bytes a slot, no allocation per word): the words as
// written, and the words written with one ZWNJ under their solid form, with
// the code point positions of that ZWNJ.
class WordList {
 public:
  // nullptr when the dictionary is not a plain list (the .aff declares
  // anything but SET UTF-8, TRY, KEY and names; a .dic line has flags,
  // morphology or invalid UTF-8): nuspell must read it.
  // The tables are a cache entry (src/cache.h) keyed by both files' bytes:
  // reading them back costs a fraction of building them.
  static std::unique_ptr<WordList> load(const std::filesystem::path& aff);

  bool contains(std::string_view word) const { return words_.find(word) != nullptr; }
  // Bit i set: the list has `word` with a ZWNJ before its i-th code point.
  std::uint32_t zwnj_positions(std::string_view word) const {
    const Table::Slot* s = solid_.find(word);
    return s == nullptr ? 0 : s->value;
  }

 private:
  using Bytes = std::vector<char, HugePages<char>>;
  class Table {
   public:
    struct Slot {
      std::uint32_t offset = 0;
      std::uint16_t length = 0;  // 0: empty
      std::uint16_t tag = 0;     // high bits of the hash
      std::uint32_t value = 0;
    };
    static_assert(sizeof(Slot) == 12);  // no padding: a stored table holds no indeterminate bytes
    explicit Table(const Bytes* bytes) : bytes_(bytes) {}
    void reserve(std::size_t n) {
      std::size_t capacity = 16;
      while (capacity * 3 < n * 4) capacity *= 2;  // load factor under 0.75
      slots_.assign(capacity, Slot{});
      mask_ = capacity - 1;
    }
    const Slot* find(std::string_view word) const {
      if (slots_.empty() || word.size() > 0xFFFF) return nullptr;
      const std::uint64_t h = hash(word);
      const auto tag = static_cast<std::uint16_t>(h >> 48);
      for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        const Slot& s = slots_[i];
        if (s.length == 0) return nullptr;
        if (s.tag == tag && s.length == word.size() && view(s) == word) return &s;
      }
    }
    // Inserts many words: hashes them all first, then fills the table with
    // each slot prefetched a few words ahead (the table is larger than the
    // cache, and a miss per word was most of the load time).
    template <typename Words, typename Value>
    void insert_all(const Words& words, Value&& value) {
      std::vector<std::uint64_t, HugePages<std::uint64_t>> hashes;
      hashes.reserve(words.size());
      for (const auto& w : words) hashes.push_back(hash(std::string_view(bytes_->data() + w.offset, w.length)));
      constexpr std::size_t kAhead = 16;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (i + kAhead < words.size()) __builtin_prefetch(&slots_[hashes[i + kAhead] & mask_], 1);
        value(insert(words[i].offset, words[i].length, hashes[i]), words[i]);
      }
    }
    Slot& insert(std::size_t offset, std::size_t length, std::uint64_t h) {
      const std::string_view word(bytes_->data() + offset, length);
      const auto tag = static_cast<std::uint16_t>(h >> 48);
      for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        Slot& s = slots_[i];
        if (s.length == 0) {
          s = Slot{static_cast<std::uint32_t>(offset), static_cast<std::uint16_t>(length), tag, 0};
          return s;
        }
        if (s.tag == tag && s.length == length && view(s) == word) return s;
      }
    }
    std::string_view view(const Slot& s) const { return std::string_view(bytes_->data() + s.offset, s.length); }

    void store(cache::Writer& out) const {
      out.write_value(static_cast<std::uint64_t>(slots_.size()));
      out.write(slots_.data(), slots_.size() * sizeof(Slot));
    }
    // False when the entry does not hold a table over bytes_.
    bool restore(cache::Reader& in) {
      std::uint64_t count = 0;
      if (!in.read_value(count) || count == 0 || (count & (count - 1)) != 0 || count > in.remaining() / sizeof(Slot)) {
        return false;
      }
      slots_.resize(static_cast<std::size_t>(count));
      if (!in.read(slots_.data(), slots_.size() * sizeof(Slot))) return false;
      for (const Slot& s : slots_) {
        if (std::size_t{s.offset} + s.length > bytes_->size()) return false;
      }
      mask_ = slots_.size() - 1;
      return true;
    }

   private:
    // 8 bytes at a time, then MurmurHash3's finalizer: words are short and
    // share their leading bytes (Arabic letters all start with 0xD8-0xDB).
    static std::uint64_t hash(std::string_view s) {
      std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
      std::size_t i = 0;
      for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t v;
        std::memcpy(&v, s.data() + i, 8);
        h = std::rotl(h ^ (v * 0x87c37b91114253d5ull), 31) * 0x4cf5ad432745937full;
      }
      std::uint64_t v = 0;
      std::memcpy(&v, s.data() + i, s.size() - i);
      h = std::rotl(h ^ (v * 0x87c37b91114253d5ull), 31) * 0x4cf5ad432745937full;
      h ^= h >> 33;
      h *= 0xff51afd7ed558ccdull;
      h ^= h >> 33;
      h *= 0xc4ceb9fe1a85ec53ull;
      return h ^ (h >> 33);
    }
    const Bytes* bytes_;
    std::vector<Slot, HugePages<Slot>> slots_;
    std::size_t mask_ = 0;
  };

  // Each fills the tables over bytes_; false: not a plain list (build) or
  // not an entry of one (restore).
  bool build();
  bool restore(cache::Reader& in);
  void store(cache::Writer& out) const;

  Bytes bytes_;   // the .dic file
  Bytes solids_;  // words with one ZWNJ, written without it
  Table words_{&bytes_};
  Table solid_{&solids_};
};

namespace {

template <typename Out = std::string>
Out read_file(const std::filesystem::path& path) {
  Out out;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) out.resize(static_cast<std::size_t>(size));
  out.resize(std::fread(out.data(), 1, out.size(), f));
  std::fclose(f);
  return out;
}

std::string_view strip_bom(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

// Every directive of the .aff is one that does not change what spell()
// accepts: the encoding (UTF-8 only), suggestion data and descriptions.
bool plain_aff(std::string_view aff) {
  aff = strip_bom(aff);
  bool utf8 = false;
  while (!aff.empty()) {
    const std::size_t eol = aff.find('\n');
    std::string_view line = aff.substr(0, eol);
    aff = eol == std::string_view::npos ? std::string_view() : aff.substr(eol + 1);
    const std::size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) continue;
    line = line.substr(b);
    const std::size_t e = line.find_first_of(" \t\r");
    const std::string_view command = line.substr(0, e);
    if (command[0] == '#') continue;
    if (command == "SET") {
      std::string_view value = e == std::string_view::npos ? std::string_view() : line.substr(e);
      value = value.substr(std::min(value.size(), value.find_first_not_of(" \t")));
      value = value.substr(0, value.find_first_of(" \t\r"));
      if (value != "UTF-8" && value != "utf-8") return false;
      utf8 = true;
      continue;
    }
    if (command != "TRY" && command != "KEY" && command != "NAME" && command != "VERSION" && command != "HOME") {
      return false;
    }
  }
  return utf8;
}

constexpr std::string_view kZwnj = "\u200C";

constexpr std::string_view kCacheKind = "wordlist";
constexpr std::string_view kCacheVersion = "word list 1\n";
constexpr std::size_t kCacheKeep = 4;  // an entry is about 2.4 times its .dic (17 MB for fa_IR's 7 MB)

}  // namespace

std::unique_ptr<WordList> WordList::load(const std::filesystem::path& aff) {
  const std::string aff_bytes = read_file(aff);
  if (!plain_aff(aff_bytes)) return nullptr;
  std::filesystem::path path = aff;
  path.replace_extension(".dic");
  auto list = std::make_unique<WordList>();
  list->bytes_ = read_file<Bytes>(path);
  // The key is both files, in parts (not copied into one string).
  const std::string aff_size = std::to_string(aff_bytes.size()) + "\n";
  const cache::Key key{kCacheVersion, aff_size, aff_bytes, std::string_view(list->bytes_.data(), list->bytes_.size())};
  const bool caching = !cache::folder().empty();
  if (caching) {
    if (auto entry = cache::Reader::open(kCacheKind, key)) {
      if (list->restore(*entry)) return list;
    }
  }
  if (!list->build()) return nullptr;
  if (caching) {
    cache::Writer entry(kCacheKind, key, kCacheKeep);
    list->store(entry);
    entry.commit();
  }
  return list;
}

void WordList::store(cache::Writer& out) const {
  out.write_value(static_cast<std::uint64_t>(solids_.size()));
  out.write(solids_.data(), solids_.size());
  words_.store(out);
  solid_.store(out);
}

bool WordList::restore(cache::Reader& in) {
  std::uint64_t size = 0;
  if (!in.read_value(size) || size > in.remaining()) return false;
  solids_.resize(static_cast<std::size_t>(size));
  return in.read(solids_.data(), solids_.size()) && words_.restore(in) && solid_.restore(in) && in.remaining() == 0;
}

bool WordList::build() {
  solids_.clear();
  const std::string_view all(bytes_.data(), bytes_.size());
  const std::string_view body = strip_bom(all);
  // The first line is the word count (nuspell requires a number there and
  // ignores the rest of the line).
  if (body.empty() || body[0] < '0' || body[0] > '9' || all.size() >= 0xFFFFFFFFu) return false;
  struct Word {
    std::uint32_t offset, length;
  };
  std::vector<Word, HugePages<Word>> words;
  words.reserve(all.size() / 16 + 16);
  std::size_t with_zwnj = 0;
  std::size_t at = all.find('\n', all.size() - body.size());
  while (at != std::string_view::npos && at + 1 < all.size()) {
    const std::size_t begin = at + 1;
    const void* nl = std::memchr(all.data() + begin, '\n', all.size() - begin);
    at = nl == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(nl) - all.data());
    std::size_t length = (nl == nullptr ? all.size() : at) - begin;
    if (length > 0 && all[begin + length - 1] == '\r') --length;
    if (length == 0) continue;
    if (length > 0xFFFF) return false;
    // Flags, morphology, spaces or invalid UTF-8: nuspell's business.
    const auto* p = reinterpret_cast<const uint8_t*>(all.data() + begin);
    const auto n = static_cast<int32_t>(length);
    for (int32_t i = 0; i < n;) {
      if (p[i] < 0x80) {
        if (p[i] == '/' || p[i] == '\t' || p[i] == ' ') return false;
        ++i;
        continue;
      }
      // A two-byte sequence (all of Persian's letters) is valid as soon as
      // its lead is C2..DF and a continuation byte follows.
      if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0) return false;
      with_zwnj += c == 0x200C;
    }
    words.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(length)});
  }
  words_.reserve(words.size());
  words_.insert_all(words, [](Table::Slot&, const Word&) {});
  // Words with exactly one ZWNJ, under their solid form.
  struct Solid {
    std::uint32_t offset, length, position;
  };
  std::vector<Solid, HugePages<Solid>> solids;
  solids.reserve(with_zwnj);
  solids_.reserve(all.size());
  for (const Word& w : words) {
    const std::string_view word = all.substr(w.offset, w.length);
    const std::size_t z = word.find(kZwnj);
    if (z == std::string_view::npos || word.find(kZwnj, z + kZwnj.size()) != std::string_view::npos) continue;
    const std::size_t position = code_point_count(word.substr(0, z));
    if (position >= 32) continue;
    solids.push_back({static_cast<std::uint32_t>(solids_.size()),
                      static_cast<std::uint32_t>(w.length - kZwnj.size()), static_cast<std::uint32_t>(position)});
    solids_.insert(solids_.end(), word.begin(), word.begin() + static_cast<std::ptrdiff_t>(z));
    solids_.insert(solids_.end(), word.begin() + static_cast<std::ptrdiff_t>(z + kZwnj.size()), word.end());
  }
  solid_.reserve(solids.size());
  solid_.insert_all(solids, [](Table::Slot& slot, const Solid& s) { slot.value |= 1u << s.position; });
  return true;
}

namespace {

std::atomic<std::int64_t> loading_nanos{0};

}  // namespace

double Speller::loading_seconds() { return static_cast<double>(loading_nanos.load()) / 1e9; }

Speller::Speller(std::string name, const std::vector<std::string>& also) : name_(std::move(name)) {
  for (const std::string& other : also) also_.push_back(std::make_unique<Speller>(other));
}
Speller::~Speller() = default;

void Speller::load() const {
  std::call_once(once_, [this] {
    if (name_.empty()) return;
    const StageClock clock(&loading_nanos);
    std::vector<std::filesystem::path> dirs;
    nuspell::append_default_dir_paths(dirs);
    aff_ = nuspell::search_dirs_for_one_dict(dirs, name_);
    if (aff_.empty()) return;
    plain_ = WordList::load(aff_);
  });
}

const nuspell::Dictionary* Speller::full() const {
  load();
  std::call_once(full_once_, [this] {
    if (aff_.empty()) return;
    const StageClock clock(&loading_nanos);
    auto dictionary = std::make_unique<nuspell::Dictionary>();
    try {
      dictionary->load_aff_dic(aff_);
    } catch (const std::exception&) {
      return;
    }
    dictionary_ = std::move(dictionary);
  });
  return dictionary_.get();
}

bool Speller::available() const {
  load();
  bool found = plain_ != nullptr || full() != nullptr;
  for (const auto& other : also_) found = other->available() || found;
  ready_.store(true, std::memory_order_release);
  return found;
}

// Whether nuspell's Dictionary::spell, for a plain word list, reduces to a
// look-up: valid UTF-8, no capital (nuspell's SMALL casing) and no '.', ','
// or '-' (its abbreviation, number and break-pattern handling).
bool Speller::plain_question(std::string_view word) {
  if (word.size() > 360) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      const char c = static_cast<char>(p[i++]);
      if (c == '.' || c == ',' || c == '-' || (c >= 'A' && c <= 'Z')) return false;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || u_isupper(c) || u_istitle(c)) return false;
  }
  return true;
}

// Such a word is accepted when it is empty, all ASCII digits, or listed.
bool Speller::spell(std::string_view word) const {
  load();
  if (plain_ != nullptr && plain_question(word)) {
    bool digits = true;
    for (char c : word) digits = digits && c >= '0' && c <= '9';
    return word.empty() || digits || plain_->contains(word);
  }
  const nuspell::Dictionary* d = full();
  return d != nullptr && d->spell(word);
}

bool Speller::spelled(std::string_view word) const {
  if (!available()) return false;
  if (spell(word)) return true;
  for (const auto& other : also_) {
    if (other->spelled(word)) return true;
  }
  return false;
}

bool Speller::known(std::string_view word, Dictionaries which) const {
  if (!available()) return false;
  if (spell(word)) return true;
  if (which == Dictionaries::kAll) {
    for (const auto& other : also_) {
      if (other->known(word)) return true;
    }
  }
  // Compounds the dictionary writes with ZWNJ, written solid in older texts.
  const std::size_t cps = code_point_count(word);
  if (cps < 4 || cps > 24) return false;
  const char32_t first = code_point_at(word, 0);
  if (first < 0x600 || first > 0x6FF) return false;
  // A ZWNJ before each code point from the third to the last but one. A
  // plain list answers for all of them at once (the word and its splits
  // take the same path through spell()).
  if (plain_ != nullptr && word.find(kZwnj) == std::string_view::npos && word.size() + kZwnj.size() <= 360 &&
      plain_question(word)) {
    const std::uint32_t inner = ((1u << (cps - 1)) - 1) & ~3u;  // bits 2 .. cps-2
    return (plain_->zwnj_positions(word) & inner) != 0;
  }
  std::string split;
  split.reserve(word.size() + kZwnj.size());
  std::size_t at = 0;
  for (std::size_t i = 0; i + 1 < cps; ++i) {
    if (i >= 2) {
      split.assign(word.substr(0, at));
      split += kZwnj;
      split.append(word.substr(at));
      if (spell(split)) return true;
    }
    at += static_cast<std::size_t>(U8_LENGTH(code_point_at(word, at)));
  }
  return false;
}

}  // namespace concord
