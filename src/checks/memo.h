// A bounded, thread-safe map for answers that depend on their key alone
// and are costly to compute (dictionary look-ups), kept across groups: in a
// corpus the same words come back. Sharded by the key's hash, each shard
// behind its own mutex; a shard that fills up is emptied, so memory stays
// flat however long the corpus. Values are copied in and out whole, so each
// is consistent.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace concord {

template <typename Key, typename Value, std::size_t PerShard = 4096>
class BoundedMemo {
 public:
  std::optional<Value> get(const Key& key) const {
    Shard& shard = shard_of(key);
    const std::lock_guard<std::mutex> lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it == shard.map.end()) return std::nullopt;
    return it->second;
  }

  void put(const Key& key, Value value) const {
    Shard& shard = shard_of(key);
    const std::lock_guard<std::mutex> lock(shard.mutex);
    if (shard.map.size() >= PerShard) shard.map.clear();
    shard.map.insert_or_assign(key, std::move(value));
  }

 private:
  static constexpr std::size_t kShards = 16;
  struct Shard {
    std::mutex mutex;
    std::unordered_map<Key, Value> map;
  };
  Shard& shard_of(const Key& key) const { return shards_[std::hash<Key>{}(key) % kShards]; }
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace concord
