// ParseHtml: the one wrapper of Gumbo. PrescanHtml first drops script and style bodies and
// cuts excessive nesting; Gumbo builds its tree; we copy it into a flat Document in pre-order
// with an explicit stack (no recursion, so 100k nested elements are fine) and release Gumbo's
// memory in one go.
//
// Why an arena: gumbo_destroy_output() frees the tree recursively, one stack frame per nesting
// level, which overflows the stack on deeply nested pages. Gumbo lets us supply the allocator,
// so every Gumbo allocation comes from an arena that is dropped whole after the copy. Its
// deallocator frees only allocations too large for its blocks (Gumbo's small temporary buffers
// are nothing next to the tree): a long text grows in a buffer that doubles, and the buffers it
// outgrew are together as large as the last one (issue #17).
#include <gumbo.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "extract/document.h"
#include "extract/html_prescan.h"

namespace extract {
namespace {

class GumboArena {
 public:
  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena() {
    for (void* block : blocks_) std::free(block);
    for (void* block : large_) std::free(block);
  }

  void* Allocate(size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > kBlockSize / 4) {
      void* large = std::malloc(size);
      if (large == nullptr) std::abort();
      large_.insert(large);
      return large;
    }
    if (used_ + size > kBlockSize || current_ == nullptr) {
      current_ = static_cast<char*>(std::malloc(kBlockSize));
      if (current_ == nullptr) std::abort();
      blocks_.push_back(current_);
      used_ = 0;
    }
    void* p = current_ + used_;
    used_ += size;
    return p;
  }

  // Frees a large allocation; small ones stay until the arena goes.
  void Deallocate(void* p) {
    if (!large_.empty() && large_.erase(p) > 0) std::free(p);
  }

  static void* AllocateCallback(void* userdata, size_t size) {
    return static_cast<GumboArena*>(userdata)->Allocate(size);
  }
  static void DeallocateCallback(void* userdata, void* p) {
    static_cast<GumboArena*>(userdata)->Deallocate(p);
  }

 private:
  static constexpr size_t kAlign = 16;
  static constexpr size_t kBlockSize = 256 * 1024;
  std::vector<void*> blocks_;        // blocks of kBlockSize, small allocations bumped inside
  std::unordered_set<void*> large_;  // allocations of their own, not deallocated yet
  char* current_ = nullptr;
  size_t used_ = 0;
};

// Owns one Gumbo parse. The output lives in the arena, so there is nothing to destroy
// separately: the arena owns it.
class GumboParse {
 public:
  explicit GumboParse(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboArena::AllocateCallback;
    options.deallocator = &GumboArena::DeallocateCallback;
    options.userdata = arena_.get();
    options.max_errors = 0;  // we never read parse errors; recording them costs time
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  }
  const GumboOutput* output() const { return output_; }

 private:
  std::unique_ptr<GumboArena> arena_ = std::make_unique<GumboArena>();
  GumboOutput* output_ = nullptr;
};

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data == nullptr ? "" : piece.data, piece.length);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// The number of nodes ParseHtml keeps of Gumbo's tree: elements and text (comments and the
// document node are dropped). A walk with an explicit stack, as the copy below.
size_t CountKeptNodes(const GumboNode* root) {
  size_t count = 0;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* g = stack.back();
    stack.pop_back();
    switch (g->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        ++count;
        const GumboVector& children = g->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
          stack.push_back(static_cast<const GumboNode*>(children.data[i]));
        }
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        ++count;
        break;
      default:
        break;
    }
  }
  return count;
}

}  // namespace

util::Result<ParsedHtml> ParseHtml(std::string_view utf8, const ParseOptions& options) {
  ParsedHtml result;
  std::string_view input = CutUtf8(utf8, options.max_input_bytes);
  PrescannedHtml prepared = PrescanHtml(input, options.max_nesting_depth,
                                        !options.keep_script_and_style_text, options.max_elements);
  result.truncated =
      input.size() < utf8.size() || prepared.cut_for_depth || prepared.cut_for_elements;
  result.script_spans = std::move(prepared.scripts);

  GumboParse parse(prepared.html);
  if (parse.output() == nullptr || parse.output()->root == nullptr) {
    return util::MakeError(util::ErrorCode::kParse, "HTML parser produced no document");
  }

  // Sized exactly: growing by doubling would hold the old and the new array at once, on top of
  // Gumbo's tree (a Node is about 200 bytes).
  std::vector<Node> nodes;
  nodes.reserve(std::min(CountKeptNodes(parse.output()->root), options.max_nodes));
  struct Frame {
    const GumboNode* gumbo;
    NodeId parent;
    int32_t depth;
  };
  std::vector<Frame> stack;
  stack.push_back({parse.output()->root, kNoNode, 0});
  // Pre-order: each element's index is assigned when popped; its children are pushed in
  // reverse so they pop in document order. subtree_end is fixed up afterwards.
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* g = frame.gumbo;
    bool is_element = g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE;
    bool is_text = g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
                   g->type == GUMBO_NODE_CDATA;
    if (!is_element && !is_text) continue;  // comments, document
    if (nodes.size() >= options.max_nodes) {
      return util::MakeError(
          util::ErrorCode::kTooLarge,
          "page has more than " + std::to_string(options.max_nodes) + " HTML nodes");
    }
    NodeId id = static_cast<NodeId>(nodes.size());
    if (frame.parent != kNoNode) nodes[static_cast<size_t>(frame.parent)].children.push_back(id);
    Node& node = nodes.emplace_back();  // filled in place: a Node is costly to move
    node.parent = frame.parent;
    node.depth = frame.depth;
    switch (g->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& el = g->v.element;
        node.type = NodeType::kElement;
        node.tag = TagName(el);
        node.children.reserve(el.children.length);  // an upper bound: comments are dropped
        node.attributes.reserve(el.attributes.length);
        for (unsigned i = 0; i < el.attributes.length; ++i) {
          const auto* attr = static_cast<const GumboAttribute*>(el.attributes.data[i]);
          std::string name = attr->name;
          std::transform(name.begin(), name.end(), name.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          node.attributes.push_back({std::move(name), attr->value});
        }
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        node.type = NodeType::kText;
        node.text = g->v.text.text;
        break;
      default:
        break;
    }
    if (is_element) {
      const GumboVector& children = g->v.element.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back({static_cast<const GumboNode*>(children.data[i - 1]), id, frame.depth + 1});
      }
    }
  }
  if (nodes.empty()) {
    return util::MakeError(util::ErrorCode::kParse, "HTML parser produced no elements");
  }
  // subtree_end: walk backwards; a node's subtree ends where its last child's subtree ends.
  for (size_t i = nodes.size(); i > 0; --i) {
    Node& n = nodes[i - 1];
    n.subtree_end = n.children.empty() ? static_cast<NodeId>(i)
                                       : nodes[static_cast<size_t>(n.children.back())].subtree_end;
  }
  result.document = Document(std::move(nodes));
  return result;
}

namespace internal {

bool GumboParseOnly(std::string_view utf8, bool stock) {
  if (stock) {
    GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size());
    bool ok = output != nullptr && output->root != nullptr;
    if (output != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output);
    return ok;
  }
  GumboParse parse(utf8);
  return parse.output() != nullptr && parse.output()->root != nullptr;
}

}  // namespace internal

}  // namespace extract
