// A cache of what concord derives, run after run, from files that rarely
// change: today, rule files parsed into documents (yaml_reader.cpp), which
// was a sixth of the instructions of a check in a process of its own, and
// the hash tables over a plain word list (text/speller.cpp).
//
// An entry is one file, named by a hash of its key and holding the key
// itself and a checksum of its value, so a hash collision, a stale entry or
// a damaged one is a miss, never a wrong answer. Each kind of entry lives
// in a folder of its own:
//
//   $CONCORD_CACHE_DIR      when set; "" or "off" turns caching off
//   $XDG_CACHE_HOME/concord else
//   $HOME/.cache/concord    else; with neither, no cache
//
// Entries are written to a temporary file and renamed into place, so
// processes sharing the folder (GNU parallel shards, an editor and a hook)
// see a whole entry or none. Each kind keeps its most recently used
// entries (a hit refreshes the entry's time) and removes the rest when it
// writes a new one. A cache that cannot be read or written is one that
// misses: no error, and no result ever depends on it.
//
// Thread safety: a Reader or Writer belongs to one thread; different ones
// may run at once, on the same entry too. A Reader is movable; a Writer is
// neither copyable nor movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "text/huge_pages.h"

namespace concord::cache {

// A key in parts, compared as their concatenation: a key that holds whole
// files (a 7 MB word list) is not copied into one string first, a copy whose
// page faults cost more than reading the entry. The entry's file is named
// from the parts' hashes, so a key must be split the same way each time
// (the same key split differently is a miss, never a wrong answer).
using Key = std::vector<std::string_view>;

// The cache folder, read from the environment at each call; empty when
// caching is off.
std::filesystem::path folder();

// XXH3 of a key's parts as one text: what names an entry, and a hash for
// keys of the caller's own (regex_verdicts.h).
std::uint64_t hash(const Key& parts);

class Reader {
 public:
  // The entry of `kind` for `key`, its value read and checked; nullopt
  // when there is none or it is not a whole entry for exactly this key.
  static std::optional<Reader> open(std::string_view kind, const Key& key);
  static std::optional<Reader> open(std::string_view kind, std::string_view key) { return open(kind, Key{key}); }

  // Bytes of the value not read yet.
  std::size_t remaining() const { return value_.size() - at_; }
  // Reads exactly `n` bytes of the value; false when fewer are left.
  bool read(void* out, std::size_t n);
  template <typename T>
  bool read_value(T& out) {
    static_assert(std::is_trivially_copyable_v<T>);
    return read(&out, sizeof out);
  }

 private:
  // The whole entry on huge pages (17 MB for the Persian word list: 4 KiB
  // pages would fault 4,000 times), the value starting at `at_`; read into
  // as it is allocated, never zeroed first.
  HugeBuffer value_;
  std::size_t at_ = 0;
};

class Writer {
 public:
  // A new entry of `kind` for `key`; the kind keeps its `keep` most
  // recently used entries. Does nothing when caching is off.
  Writer(std::string_view kind, const Key& key, std::size_t keep);
  Writer(std::string_view kind, std::string_view key, std::size_t keep) : Writer(kind, Key{key}, keep) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void write(const void* data, std::size_t n);
  template <typename T>
  void write_value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    write(&value, sizeof value);
  }
  // Puts the entry in place; without it (or after a failed write) the
  // entry is dropped.
  void commit();

 private:
  std::filesystem::path folder_, temporary_, final_;
  std::string key_;
  std::string value_;
  std::size_t keep_;
  bool open_ = false;
};

}  // namespace concord::cache
