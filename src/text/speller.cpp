#include "text/speller.h"

#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>

#include "text/segment.h"

namespace concord {

Speller::Speller(std::string name) : name_(std::move(name)) {}
Speller::~Speller() = default;

void Speller::load() const {
  std::call_once(once_, [this] {
    if (name_.empty()) return;
    std::vector<std::filesystem::path> dirs;
    nuspell::append_default_dir_paths(dirs);
    const auto path = nuspell::search_dirs_for_one_dict(dirs, name_);
    if (path.empty()) return;
    auto dictionary = std::make_unique<nuspell::Dictionary>();
    try {
      dictionary->load_aff_dic(path);
    } catch (const std::exception&) {
      return;
    }
    dictionary_ = std::move(dictionary);
  });
}

bool Speller::available() const {
  load();
  return dictionary_ != nullptr;
}

bool Speller::spelled(std::string_view word) const {
  load();
  return dictionary_ != nullptr && dictionary_->spell(word);
}

bool Speller::known(std::string_view word) const {
  load();
  if (!dictionary_) return false;
  if (dictionary_->spell(word)) return true;
  // Compounds the dictionary writes with ZWNJ, written solid in older texts.
  const std::u32string cps = to_u32(word);
  if (cps.size() < 4 || cps.size() > 24 || cps[0] < 0x600 || cps[0] > 0x6FF) return false;
  for (std::size_t i = 2; i + 1 < cps.size(); ++i) {
    std::u32string split = cps;
    split.insert(i, 1, U'\u200C');
    if (dictionary_->spell(to_utf8(split))) return true;
  }
  return false;
}

}  // namespace concord
