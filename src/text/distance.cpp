#include "text/distance.h"

#include <algorithm>

#include <unicode/uchar.h>

#include "text/normalize.h"
#include "text/segment.h"

namespace concord {

EditDistance::EditDistance(const std::vector<std::u32string>& near_groups, double near_cost)
    : near_cost_(near_cost) {
  for (std::size_t g = 0; g < near_groups.size(); ++g) {
    for (char32_t c : near_groups[g]) group_of_.emplace_back(c, static_cast<int>(g));
  }
  std::sort(group_of_.begin(), group_of_.end());
}

double EditDistance::substitution(char32_t x, char32_t y) const {
  if (x == y) return 0.0;
  auto groups = [&](char32_t c) {
    return std::equal_range(group_of_.begin(), group_of_.end(), std::make_pair(c, -1),
                            [](const auto& a, const auto& b) { return a.first < b.first; });
  };
  const auto [xb, xe] = groups(x);
  const auto [yb, ye] = groups(y);
  for (auto i = xb; i != xe; ++i) {
    for (auto j = yb; j != ye; ++j) {
      if (i->second == j->second) return near_cost_;
    }
  }
  return 1.0;
}

namespace {
struct Table {
  std::size_t cols;
  std::vector<double> cells;
  double& at(std::size_t i, std::size_t j) { return cells[i * cols + j]; }
};
}  // namespace

double EditDistance::operator()(const std::u32string& a, const std::u32string& b) const {
  Table d{b.size() + 1, std::vector<double>((a.size() + 1) * (b.size() + 1))};
  for (std::size_t i = 0; i <= a.size(); ++i) d.at(i, 0) = static_cast<double>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d.at(0, j) = static_cast<double>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      double v = std::min({d.at(i - 1, j) + 1, d.at(i, j - 1) + 1,
                           d.at(i - 1, j - 1) + substitution(a[i - 1], b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d.at(i - 2, j - 2) + 1);
      }
      d.at(i, j) = v;
    }
  }
  return d.at(a.size(), b.size());
}

std::vector<std::u32string> EditDistance::align(const std::u32string& a, const std::u32string& b) const {
  Table d{b.size() + 1, std::vector<double>((a.size() + 1) * (b.size() + 1))};
  for (std::size_t i = 0; i <= a.size(); ++i) d.at(i, 0) = static_cast<double>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d.at(0, j) = static_cast<double>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d.at(i, j) = std::min({d.at(i - 1, j) + 1, d.at(i, j - 1) + 1,
                             d.at(i - 1, j - 1) + substitution(a[i - 1], b[j - 1])});
    }
  }
  std::vector<std::u32string> script(a.size() + 1);
  std::size_t i = a.size(), j = b.size();
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d.at(i, j) == d.at(i - 1, j - 1) + substitution(a[i - 1], b[j - 1])) {
      script[i - 1] = std::u32string(1, b[j - 1]) + script[i - 1];
      --i;
      --j;
    } else if (i > 0 && d.at(i, j) == d.at(i - 1, j) + 1) {
      --i;  // a[i] deleted: its slot stays empty
    } else {
      // b[j-1] inserted before a[i] (i.e. into slot i, in front of it).
      script[i] = std::u32string(1, b[j - 1]) + script[i];
      --j;
    }
  }
  return script;
}

std::string respell(const std::string& original, const std::u32string& key, const std::u32string& target,
                    const EditDistance& distance) {
  const std::u32string orig = to_u32(original);
  if (orig.size() != key.size()) return to_utf8(target);
  const auto script = distance.align(key, target);
  std::u32string out;
  for (std::size_t i = 0; i < script.size(); ++i) {
    if (i < key.size() && !script[i].empty() && script[i].back() == key[i]) {
      out += script[i].substr(0, script[i].size() - 1);
      out += orig[i];
    } else {
      out += script[i];
    }
  }
  if (!out.empty() && !orig.empty() && u_isupper(static_cast<UChar32>(orig[0]))) {
    out[0] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(out[0])));
  }
  return to_utf8(out);
}

}  // namespace concord
