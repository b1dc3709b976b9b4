#include "cache.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <system_error>
#include <utility>
#include <vector>

namespace concord::cache {
namespace {

// Bumped whenever the layout of an entry changes.
constexpr char kMagic[16] = {'c', 'o', 'n', 'c', 'o', 'r', 'd', '-', 'c', 'a', 'c', 'h', 'e', '-', '2', '\n'};
// A temporary file this old belongs to a process that died before renaming it.
constexpr auto kStaleTemporary = std::chrono::hours(1);

std::string_view environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string_view() : std::string_view(value);
}

// The entry's name: the key's hash (with std::hash, a 7 MB word list's key
// cost more to hash than its entry cost to read).
std::string entry_name(const Key& key) { return fmt::format("{:016x}", hash(key)); }

std::size_t key_size(const Key& key) {
  std::size_t n = 0;
  for (std::string_view part : key) n += part.size();
  return n;
}

std::uint64_t value_checksum(std::string_view value) {
  return XXH3_64bits_withSeed(value.data(), value.size(), 0x9E3779B97F4A7C15ull);
}

std::filesystem::path kind_folder(std::string_view kind) {
  std::filesystem::path base = folder();
  return base.empty() ? base : base / std::string(kind);
}

}  // namespace

std::uint64_t hash(const Key& parts) {
  XXH3_state_t* state = XXH3_createState();
  if (state == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(state);
  for (std::string_view part : parts) XXH3_64bits_update(state, part.data(), part.size());
  const XXH64_hash_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

std::filesystem::path folder() {
  if (const char* set = std::getenv("CONCORD_CACHE_DIR"); set != nullptr) {
    const std::string_view value(set);
    if (value.empty() || value == "off") return {};
    return std::filesystem::path(value);
  }
  if (const std::string_view xdg = environment("XDG_CACHE_HOME"); !xdg.empty() && xdg[0] == '/') {
    return std::filesystem::path(xdg) / "concord";
  }
  if (const std::string_view home = environment("HOME"); !home.empty()) {
    return std::filesystem::path(home) / ".cache" / "concord";
  }
  return {};
}

std::optional<Reader> Reader::open(std::string_view kind, const Key& key) {
  const std::filesystem::path dir = kind_folder(kind);
  if (dir.empty()) return std::nullopt;
  const std::filesystem::path path = dir / entry_name(key);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::error_code ec;
  const auto file_size = std::filesystem::file_size(path, ec);
  HugeBuffer all(ec ? 0 : static_cast<std::size_t>(file_size));
  const std::size_t got = std::fread(all.data(), 1, all.size(), f);
  std::fclose(f);
  if (got != all.size()) return std::nullopt;
  std::string_view rest(all.data(), all.size());
  const auto take = [&rest](std::size_t n) {
    const std::string_view part = rest.substr(0, n);
    rest.remove_prefix(part.size());
    return part;
  };
  const auto take_u64 = [&take]() -> std::optional<std::uint64_t> {
    const std::string_view part = take(8);
    if (part.size() != 8) return std::nullopt;
    std::uint64_t v = 0;
    std::memcpy(&v, part.data(), 8);
    return v;
  };
  if (take(sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) return std::nullopt;
  const auto stored_key_size = take_u64();
  if (stored_key_size != key_size(key)) return std::nullopt;
  for (std::string_view part : key) {
    if (take(part.size()) != part) return std::nullopt;
  }
  const auto value_size = take_u64();
  const auto checksum = take_u64();
  if (!value_size || !checksum || *value_size != rest.size() || *checksum != value_checksum(rest)) return std::nullopt;
  Reader reader;
  reader.at_ = all.size() - rest.size();
  reader.value_ = std::move(all);
  // Used now: the last to be removed.
  std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now(), ec);
  return reader;
}

bool Reader::read(void* out, std::size_t n) {
  if (n > remaining()) return false;
  if (n == 0) return true;  // `out` may be null (an empty vector's data())
  std::memcpy(out, value_.data() + at_, n);
  at_ += n;
  return true;
}

Writer::Writer(std::string_view kind, const Key& key, std::size_t keep) : keep_(keep) {
  folder_ = kind_folder(kind);
  if (folder_.empty()) return;
  key_.reserve(key_size(key));
  for (std::string_view part : key) key_.append(part);
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) return;
  static std::atomic<unsigned> counter{0};
  final_ = folder_ / entry_name(key);
  temporary_ = folder_ / fmt::format(".{}.{}.{}", entry_name(key), ::getpid(), counter.fetch_add(1));
  open_ = true;
}

void Writer::write(const void* data, std::size_t n) {
  if (open_ && n > 0) value_.append(static_cast<const char*>(data), n);
}

void Writer::commit() {
  if (!open_) return;
  open_ = false;
  std::FILE* f = std::fopen(temporary_.c_str(), "wb");
  if (f == nullptr) return;
  const std::uint64_t key_size = key_.size();
  const std::uint64_t value_size = value_.size();
  bool ok = std::fwrite(kMagic, 1, sizeof kMagic, f) == sizeof kMagic;
  ok = ok && std::fwrite(&key_size, sizeof key_size, 1, f) == 1;
  ok = ok && std::fwrite(key_.data(), 1, key_.size(), f) == key_.size();
  const std::uint64_t checksum = value_checksum(value_);
  ok = ok && std::fwrite(&value_size, sizeof value_size, 1, f) == 1;
  ok = ok && std::fwrite(&checksum, sizeof checksum, 1, f) == 1;
  ok = ok && std::fwrite(value_.data(), 1, value_.size(), f) == value_.size();
  ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (ok) std::filesystem::rename(temporary_, final_, ec);
  if (!ok || ec) {
    std::filesystem::remove(temporary_, ec);
    return;
  }
  // The kind keeps its `keep_` most recently used entries.
  struct Entry {
    std::filesystem::file_time_type time;
    std::filesystem::path path;
  };
  std::vector<Entry> entries;
  const auto now = std::filesystem::file_time_type::clock::now();
  std::filesystem::directory_iterator it(folder_, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::filesystem::directory_entry& item = *it;
    std::error_code item_ec;
    const auto time = item.last_write_time(item_ec);
    if (item_ec || !item.is_regular_file(item_ec)) continue;
    const std::string name = item.path().filename().string();
    if (name.starts_with(".")) {
      if (now - time > kStaleTemporary) std::filesystem::remove(item.path(), item_ec);
      continue;
    }
    entries.push_back({time, item.path()});
  }
  if (entries.size() <= keep_) return;
  ec.clear();
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time > b.time; });
  for (std::size_t i = keep_; i < entries.size(); ++i) {
    if (entries[i].path != final_) std::filesystem::remove(entries[i].path, ec);
  }
}

}  // namespace concord::cache
