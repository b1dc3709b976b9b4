#include "text/document.h"

#include <algorithm>

namespace concord {

Document::Document(Source source, const Normalizer& normalizer)
    : source_(std::move(source)),
      normalized_(normalizer.normalize(source_.content())),
      tokens_(tokenize(normalized_.text)),
      paragraphs_(split_paragraphs(normalized_.text)) {
  keys_.reserve(normalized_.text.size());
  key_ends_.reserve(tokens_.size());
  for (const TextSpan& t : tokens_) {
    append_folded(keys_, slice(t.begin, t.end));
    key_ends_.push_back(keys_.size());
  }
}

void Document::set_language(std::string lang, LanguageOrigin origin, const std::string& locale) {
  language_ = std::move(lang);
  language_origin_ = origin;
  sentences_ = split_sentences(normalized_.text, paragraphs_, locale);
}

std::string_view Document::original_slice(std::size_t begin, std::size_t end) const {
  const std::size_t b = original_start(begin);
  const std::size_t e = std::max(b, original_end(end));
  return source_.bytes().substr(b, e - b);
}

std::size_t Document::token_at_or_after(std::size_t offset) const {
  auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                             [](const TextSpan& t, std::size_t off) { return t.begin < off; });
  return static_cast<std::size_t>(it - tokens_.begin());
}

}  // namespace concord

namespace concord {

std::size_t Document::phrase_at(std::size_t t, std::string_view key) const {
  if (t >= tokens_.size()) return 0;
  // Most tokens differ from the first word at once: ask that first, cheaply.
  const std::string_view first = token_key(t);
  if (first.size() > key.size() || (first.size() < key.size() && key[first.size()] != ' ') ||
      key.compare(0, first.size(), first) != 0) {
    return 0;
  }
  if (first.size() == key.size()) return 1;
  std::size_t n = 0, at = 0;
  while (at < key.size()) {
    const std::size_t space = std::min(key.find(' ', at), key.size());
    if (t + n >= tokens_.size() || token_key(t + n) != key.substr(at, space - at)) return 0;
    ++n;
    at = space + 1;
  }
  return n;
}

bool Document::contains_any(std::size_t begin, std::size_t end, const std::vector<std::string>& keys) const {
  if (keys.empty() || begin >= end) return false;
  const std::string folded = fold_case(slice(begin, end));
  for (const std::string& key : keys) {
    for (std::size_t at = find_bytes(folded, key); at != std::string::npos; at = find_bytes(folded, key, at + 1)) {
      if (at_word_boundaries(folded, at, at + key.size())) return true;
    }
  }
  return false;
}

}  // namespace concord
