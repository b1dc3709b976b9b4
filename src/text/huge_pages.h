// An allocator for large, long-lived tables (dictionaries): blocks of 2 MiB
// and more are mapped on their own and advised onto transparent huge pages.
//
// Why: the first touch of each 4 KiB page costs a page fault, and under a
// hypervisor a fault can cost tens of microseconds: filling an 8 MB table
// took 70 ms on the benchmark machine, 1 ms on huge pages. Smaller blocks
// come from operator new as usual.
//
// Thread safety: stateless; usable from any thread.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace concord {

template <typename T>
struct HugePages {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  HugePages() = default;
  template <typename U>
  HugePages(const HugePages<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes));
    void* p = mmap(nullptr, round_up(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, round_up(bytes), MADV_HUGEPAGE);  // advice only: failure is harmless
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) {
      ::operator delete(p);
    } else {
      munmap(p, round_up(bytes));
    }
  }
  template <typename U>
  bool operator==(const HugePages<U>&) const { return true; }

 private:
  static std::size_t round_up(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
};

// Bytes on HugePages, left uninitialized (a buffer about to be read into:
// zeroing 24 MB first was wasted work). Movable, not copyable.
class HugeBuffer {
 public:
  HugeBuffer() = default;
  explicit HugeBuffer(std::size_t size) : data_(size == 0 ? nullptr : HugePages<char>().allocate(size)), size_(size) {}
  HugeBuffer(HugeBuffer&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
  }
  HugeBuffer& operator=(HugeBuffer&& other) noexcept {
    if (this != &other) {
      release();
      data_ = other.data_;
      size_ = other.size_;
      other.data_ = nullptr;
      other.size_ = 0;
    }
    return *this;
  }
  HugeBuffer(const HugeBuffer&) = delete;
  HugeBuffer& operator=(const HugeBuffer&) = delete;
  ~HugeBuffer() { release(); }

  char* data() { return data_; }
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  void release() {
    if (data_ != nullptr) HugePages<char>().deallocate(data_, size_);
    data_ = nullptr;
    size_ = 0;
  }
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace concord
