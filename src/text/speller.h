// Dictionary look-ups with nuspell and the hunspell dictionaries Debian ships.
//
// Dictionaries load lazily, on the first look-up, because loading one takes
// far longer than checking a pair of documents that never needs it.
// Look-ups take normalized words; for Persian, a word written without its
// zero-width non-joiner (older orthography) is also tried with one inserted
// at each position, since the dictionaries spell compounds with it.
//
// A dictionary without affixes or flags (myspell-fa: 332,000 words and an
// .aff that only says SET UTF-8) is a plain word list. nuspell takes 0.3 s to
// load it; read as a hash table it takes a few milliseconds, and for a word
// without capitals, dots, commas or hyphens nuspell's answer is exactly
// "the word is listed, or it is all digits". Other words, and every word of
// a dictionary with affixes, go to nuspell (loaded when first needed).
//
// Thread safety: thread-safe (loading is guarded by std::call_once).
// Not copyable or movable.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace nuspell {
inline namespace v5 {
class Dictionary;
}
}  // namespace nuspell

namespace concord {

class WordList;

class Speller {
 public:
  // `name` is a hunspell dictionary name such as "fa_IR"; empty means none.
  // `also`: dictionaries of the same language asked when `name` does not
  // know a word (en_GB beside en_US); each loads on first use too.
  explicit Speller(std::string name, const std::vector<std::string>& also = {});
  ~Speller();
  Speller(const Speller&) = delete;
  Speller& operator=(const Speller&) = delete;

  // False when no dictionary is configured or it could not be found.
  bool available() const;
  // True once available() has returned: the dictionary is loaded (or known
  // to be missing) and no call will wait for it.
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  // Which dictionaries a look-up asks: all, or only the main one (the
  // spelling check's hundreds of candidates per unknown word need not be
  // British as well as American).
  enum class Dictionaries { kAll, kMain };
  // True when the dictionary knows the word (or, without a dictionary, never).
  bool known(std::string_view word, Dictionaries which = Dictionaries::kAll) const;
  // True when the dictionary knows the word exactly as written (no ZWNJ
  // tried): tells a solid form the dictionary accepts from one it does not.
  bool spelled(std::string_view word) const;

  // Seconds spent loading dictionaries so far, all spellers together.
  static double loading_seconds();

 private:
  void load() const;
  const nuspell::Dictionary* full() const;  // nuspell itself, loaded on first use
  bool spell(std::string_view word) const;
  static bool plain_question(std::string_view word);

  std::string name_;
  std::vector<std::unique_ptr<Speller>> also_;
  mutable std::once_flag once_;
  mutable std::filesystem::path aff_;         // empty: not found
  mutable std::unique_ptr<WordList> plain_;  // set for an affix-free dictionary
  mutable std::once_flag full_once_;
  mutable std::unique_ptr<nuspell::Dictionary> dictionary_;
  mutable std::atomic<bool> ready_{false};
};

}  // namespace concord
