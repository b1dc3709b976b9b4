// nuspell's spell() on every word of the given files, without suggestions
// (the nuspell CLI suggests for every unknown word, which is most of its
// time). Words are segmented with ICU's word breaks, as the CLI does.
//
//   spell_only DICTIONARY FILE...   prints the number of words and unknown words
#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: spell_only DICTIONARY FILE...\n");
    return 2;
  }
  std::vector<std::filesystem::path> dirs;
  nuspell::append_default_dir_paths(dirs);
  const auto aff = nuspell::search_dirs_for_one_dict(dirs, argv[1]);
  if (aff.empty()) {
    std::fprintf(stderr, "spell_only: no dictionary %s\n", argv[1]);
    return 2;
  }
  nuspell::Dictionary dictionary;
  dictionary.load_aff_dic(aff);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  long total = 0, unknown = 0;
  std::string word;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(bytes);
    words->setText(text);
    for (int32_t b = words->first(), e = words->next(); e != icu::BreakIterator::DONE; b = e, e = words->next()) {
      if (words->getRuleStatus() == UBRK_WORD_NONE) continue;
      word.clear();
      text.tempSubStringBetween(b, e).toUTF8String(word);
      ++total;
      unknown += !dictionary.spell(word);
    }
  }
  std::printf("%ld words, %ld unknown\n", total, unknown);
  return 0;
}
