// A source prepared for extraction: its normalized text, words, sentences
// and paragraphs, and its language.
//
// Offsets in a Document are into the normalized text unless a name says
// "original"; original offsets are byte offsets into the file (BOM included).
//
// Thread safety: immutable after construction. Movable, not copyable (it
// owns the source's bytes).
#pragma once

#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/segment.h"
#include "text/source.h"

namespace concord {

enum class LanguageOrigin { kDetected, kGiven };

class Document {
 public:
  Document(Source source, const Normalizer& normalizer);
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // Sets the language and splits sentences with its ICU locale.
  void set_language(std::string lang, LanguageOrigin origin, const std::string& locale);

  const Source& source() const { return source_; }
  const std::string& path() const { return source_.path(); }
  const std::string& text() const { return normalized_.text; }
  const std::string& language() const { return language_; }
  LanguageOrigin language_origin() const { return language_origin_; }
  const std::vector<TextSpan>& tokens() const { return tokens_; }
  // Token i case-folded (fold_case of its text): the key words are compared
  // by. Folded once here, since most checks look at every token.
  std::string_view token_key(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : key_ends_[i - 1];
    return std::string_view(keys_).substr(begin, key_ends_[i] - begin);
  }
  const std::vector<TextSpan>& sentences() const { return sentences_; }
  const std::vector<TextSpan>& paragraphs() const { return paragraphs_; }

  std::string_view slice(std::size_t begin, std::size_t end) const {
    return std::string_view(normalized_.text).substr(begin, end - begin);
  }
  std::size_t original_start(std::size_t offset) const {
    return source_.content_start() + normalized_.original_start(offset);
  }
  std::size_t original_end(std::size_t offset) const {
    return source_.content_start() + normalized_.original_end(offset);
  }
  // The original bytes behind a normalized range.
  std::string_view original_slice(std::size_t begin, std::size_t end) const;

  // Index of the sentence / paragraph containing a normalized offset.
  std::size_t sentence_index(std::size_t offset) const { return span_index(sentences_, offset); }
  std::size_t paragraph_index(std::size_t offset) const { return span_index(paragraphs_, offset); }
  // Index of the first token starting at or after `offset`.
  std::size_t token_at_or_after(std::size_t offset) const;
  // Whether [begin, end) contains one of the case-folded phrases `keys` at
  // word boundaries.
  bool contains_any(std::size_t begin, std::size_t end, const std::vector<std::string>& keys) const;
  // How many tokens from token `t` on spell the phrase `key` (a key of a
  // pack's list: case-folded words separated by single spaces); 0 if they
  // do not. Compares token keys, so it costs nothing to ask at every token.
  std::size_t phrase_at(std::size_t t, std::string_view key) const;

 private:
  Source source_;
  NormalizedText normalized_;
  std::string language_;
  LanguageOrigin language_origin_ = LanguageOrigin::kDetected;
  std::vector<TextSpan> tokens_;
  std::string keys_;                   // token keys, one after the other
  std::vector<std::size_t> key_ends_;  // end of each token's key in keys_
  std::vector<TextSpan> sentences_;
  std::vector<TextSpan> paragraphs_;
};

}  // namespace concord
