#include "rules/lazy_regex.h"

namespace concord {

LazyRegex::LazyRegex(std::unique_ptr<const RE2> compiled) {
  auto state = std::make_shared<State>();
  state->pattern = compiled->pattern();
  state->options = compiled->options();
  std::call_once(state->once, [&] { state->re = std::move(compiled); });
  state_ = std::move(state);
}

LazyRegex::LazyRegex(std::string pattern, const RE2::Options& options) {
  auto state = std::make_shared<State>();
  state->pattern = std::move(pattern);
  state->options = options;
  state_ = std::move(state);
}

const RE2* LazyRegex::get() const {
  if (state_ == nullptr) return nullptr;
  const State& s = *state_;
  std::call_once(s.once, [&s] { s.re = std::make_unique<const RE2>(s.pattern, s.options); });
  return s.re.get();
}

const std::string& LazyRegex::pattern() const {
  static const std::string kNone;
  return state_ == nullptr ? kNone : state_->pattern;
}

const RE2::Options& LazyRegex::options() const {
  static const RE2::Options kDefault;
  return state_ == nullptr ? kDefault : state_->options;
}

bool LazyRegex::compiled() const {
  if (state_ == nullptr) return false;
  // After call_once has run, `re` is set and never changes again; before,
  // a concurrent get() may be writing it, so this is for single-threaded
  // use (tests).
  return state_->re != nullptr;
}

}  // namespace concord
