#include "tests/support/fixture_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

namespace testing_support {
namespace {

using Clock = std::chrono::steady_clock;

// Largest piece of a streamed body handed to cpp-httplib at once.
constexpr size_t kStreamPieceBytes = 64 * 1024;
// Bytes read from a connection at once while parsing requests.
constexpr size_t kReadBufferBytes = 4096;
// Matches every request path, newlines included, so every request of a method other than GET
// and HEAD reaches Dispatch().
constexpr const char* kAnyPath = R"([\s\S]*)";
// Stands in for a Content-Type the route does not send (see SetBody).
constexpr const char* kOmittedHeaderPlaceholder = "x-newsarc-fixture-omitted";
// Pseudo headers cpp-httplib adds to every request; they are not what the client sent.
constexpr const char* kPseudoHeaders[] = {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"};

// Raised once when the server stops. Every wait in the server polls its eventfd (which stays
// readable once written), so delays, trickles, idle keep-alive connections and blocked writes
// all end promptly instead of after their timeouts.
class StopSignal {
 public:
  StopSignal() : fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}
  ~StopSignal() {
    if (fd_ >= 0) close(fd_);
  }
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  void Raise() {
    raised_ = true;
    const uint64_t one = 1;
    // A failed write leaves raised_ set; waits then end at their next timeout at the latest.
    [[maybe_unused]] ssize_t n = write(fd_, &one, sizeof(one));
  }
  bool IsRaised() const { return raised_; }
  int fd() const { return fd_; }

  // Waits for `duration` or the stop; true when stopped.
  bool WaitFor(Clock::duration duration) const {
    const Clock::time_point deadline = Clock::now() + duration;
    while (!raised_) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      poll(&p, 1, static_cast<int>(left.count()));
    }
    return raised_;
  }

 private:
  int fd_;
  std::atomic<bool> raised_{false};
};

// A cpp-httplib Stream over one accepted socket whose waits also end on the StopSignal. Writes
// never block in send(), and RequestReset() makes every later write fail so that the
// connection can be closed with an RST instead of a response.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, const StopSignal& stop, Clock::duration timeout)
      : sock_(sock), stop_(stop), timeout_(timeout) {}

  bool is_readable() const override { return buffer_begin_ < buffer_end_ || Wait(POLLIN) > 0; }
  bool is_writable() const override { return !reset_ && Wait(POLLOUT) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (buffer_begin_ == buffer_end_) {
      if (Wait(POLLIN) <= 0) return -1;
      ssize_t n = recv(sock_, buffer_, sizeof(buffer_), 0);
      if (n <= 0) return n;
      buffer_begin_ = 0;
      buffer_end_ = static_cast<size_t>(n);
    }
    size_t take = std::min(size, buffer_end_ - buffer_begin_);
    std::memcpy(ptr, buffer_ + buffer_begin_, take);
    buffer_begin_ += take;
    return static_cast<ssize_t>(take);
  }

  // Sends everything or fails: cpp-httplib ignores the count when it flushes a response's
  // header block, so a short write would silently truncate the headers.
  ssize_t write(const char* ptr, size_t size) override {
    std::string_view data(ptr, size);
    std::string edited;
    if (!omitted_line_.empty()) {
      if (size_t at = data.find(omitted_line_); at != std::string_view::npos) {
        edited =
            std::string(data.substr(0, at)) + std::string(data.substr(at + omitted_line_.size()));
        data = edited;
        omitted_line_.clear();
      }
    }
    return SendAll(data) ? static_cast<ssize_t>(size) : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }

  // Forgets what the previous request on this connection left behind.
  void BeginRequest() {
    omitted_line_.clear();
    last_send_at_.reset();
  }
  void RequestReset() { reset_ = true; }
  bool reset_requested() const { return reset_; }
  // Drops `line` (e.g. "Content-Type: x\r\n") the first time a write contains it.
  void OmitLineOnce(std::string line) { omitted_line_ = std::move(line); }
  // When the latest send() of this request began; nullopt if nothing was sent.
  std::optional<Clock::time_point> last_send_at() const { return last_send_at_; }

 private:
  bool SendAll(std::string_view data) {
    Clock::time_point deadline = Clock::now() + timeout_;
    size_t sent = 0;
    // Bounded: each pass waits for the socket to take more, and gives up `timeout_` after the
    // last progress or on the stop.
    while (sent < data.size()) {
      if (reset_ || Clock::now() >= deadline || Wait(POLLOUT) <= 0) return false;
      last_send_at_ = Clock::now();
      ssize_t n = send(sock_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<size_t>(n);
        deadline = Clock::now() + timeout_;
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        return false;
      }
    }
    return true;
  }

  // 1 when `events` are ready, 0 on timeout, -1 on stop or socket error.
  int Wait(short events) const {
    const Clock::time_point deadline = Clock::now() + timeout_;
    while (!stop_.IsRaised()) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return 0;
      pollfd fds[2] = {{sock_, events, 0}, {stop_.fd(), POLLIN, 0}};
      int rc = poll(fds, 2, static_cast<int>(left.count()));
      if (rc < 0 && errno != EINTR) return -1;
      if (rc <= 0 || fds[1].revents != 0) continue;
      if (fds[0].revents & events) return 1;
      if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) return -1;
    }
    return -1;
  }

  template <typename GetName>
  void Address(GetName get_name, std::string& ip, int& port) const {
    sockaddr_in addr{};
    socklen_t len = sizeof(addr);
    ip.clear();
    port = 0;
    if (get_name(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char text[INET_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET, &addr.sin_addr, text, sizeof(text)) != nullptr) ip = text;
    port = ntohs(addr.sin_port);
  }

  int sock_;
  const StopSignal& stop_;
  Clock::duration timeout_;
  char buffer_[kReadBufferBytes];
  size_t buffer_begin_ = 0;
  size_t buffer_end_ = 0;
  bool reset_ = false;
  std::string omitted_line_;
  std::optional<Clock::time_point> last_send_at_;
};

// The request log shared by all hosts.
class RequestLog {
 public:
  size_t Begin(RecordedRequest request) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(std::move(request));
    ++in_flight_;
    return requests_.size() - 1;
  }
  void Finish(size_t index, Clock::time_point finished_at, int status, bool reset) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      RecordedRequest& r = requests_[index];
      r.finished_at = std::max(finished_at, r.started_at);
      r.status = status;
      r.reset = reset;
      --in_flight_;
    }
    idle_.notify_all();
  }
  std::vector<RecordedRequest> Snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  bool WaitUntilIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mu_);
    return idle_.wait_for(lock, timeout, [this] { return in_flight_ == 0; });
  }

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable idle_;
  std::vector<RecordedRequest> requests_;
  size_t in_flight_ = 0;
};

// Routes of one host. Handlers are copied out under the lock and run outside it.
class RouteTable {
 public:
  void Set(std::string target, FixtureHandler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    exact_[std::move(target)] = std::move(handler);
  }
  void SetPrefix(std::string prefix, FixtureHandler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    prefix_[std::move(prefix)] = std::move(handler);
  }
  FixtureHandler Find(const std::string& target) const {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = exact_.find(target); it != exact_.end()) return it->second;
    const FixtureHandler* best = nullptr;
    size_t best_length = 0;
    for (const auto& [prefix, handler] : prefix_) {
      if (target.starts_with(prefix) && (best == nullptr || prefix.size() > best_length)) {
        best = &handler;
        best_length = prefix.size();
      }
    }
    return best != nullptr ? *best : FixtureHandler();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, FixtureHandler> exact_;
  std::map<std::string, FixtureHandler> prefix_;
};

// What the connection loop and the handlers of one request share; cpp-httplib runs the
// setup callback, the handler and the logger on the connection's thread.
struct RequestContext {
  ConnectionStream* stream = nullptr;
  std::optional<size_t> log_index;
  RecordedRequest request;
  int status = 0;
  bool reset_before_response = false;
};
thread_local RequestContext* t_request = nullptr;

// One host's listener. It replaces cpp-httplib's per-connection loop (a virtual hook of
// httplib::Server) so that every wait ends on the StopSignal, the request log sees each
// request's start and end, and a route can reset the connection it is served on.
class HostServer final : public httplib::Server {
 public:
  HostServer(FixtureHost host, const FixtureServerOptions& options, const StopSignal& stop,
             RequestLog& log)
      : host_(std::move(host)), options_(options), stop_(stop), log_(log) {
    const size_t workers = options_.worker_threads_per_host;
    new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    // Only for the Keep-Alive header cpp-httplib sends; the connection loop enforces both.
    set_keep_alive_max_count(options_.keep_alive_max_requests);
    set_keep_alive_timeout(options_.idle_timeout.count());
    // GET and HEAD are answered before cpp-httplib's regex routing: libstdc++'s std::regex
    // recurses once per character, which a long crawler-trap URL could turn into a stack
    // overflow. Other methods go through the regex so that their request bodies are read.
    set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.method != "GET" && req.method != "HEAD") return HandlerResponse::Unhandled;
      Dispatch(req, res);
      return HandlerResponse::Handled;
    });
    Handler dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      Dispatch(req, res);
    };
    Post(kAnyPath, dispatch);
    Put(kAnyPath, dispatch);
    Patch(kAnyPath, dispatch);
    Delete(kAnyPath, dispatch);
    Options(kAnyPath, dispatch);
    set_logger([](const httplib::Request&, const httplib::Response& res) {
      if (t_request != nullptr) t_request->status = res.status;
    });
  }

  FixtureHost& host() { return host_; }
  RouteTable& routes() { return routes_; }

  // Closes the listening socket even if listen_after_bind() has not started yet (unlike
  // httplib::Server::stop(), which does nothing until the server reports running).
  void StopListening() {
    socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock != INVALID_SOCKET) {
      shutdown(sock, SHUT_RDWR);
      close(sock);
    }
  }

 private:
  bool process_and_close_socket(socket_t sock) override {
    // Without TCP_NODELAY, the body written after the headers would wait for the client's
    // delayed ACK (about 40 ms per response on Linux), skewing every timing a test measures.
    const int on = 1;
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    ConnectionStream stream(sock, stop_, options_.idle_timeout);
    bool ok = false;
    // Bounded by keep_alive_max_requests; each pass waits at most idle_timeout for a request.
    for (size_t served = 0; served < options_.keep_alive_max_requests; ++served) {
      if (stop_.IsRaised() || !stream.is_readable()) break;
      RequestContext context;
      context.stream = &stream;
      stream.BeginRequest();
      t_request = &context;
      bool connection_closed = false;
      const bool last = served + 1 == options_.keep_alive_max_requests;
      ok = process_request(stream, last, connection_closed,
                           [&](httplib::Request& req) { Begin(req, context); });
      t_request = nullptr;
      if (context.log_index) {
        // The end is stamped before the response's last send(), not now: the client cannot
        // have the last byte earlier, so a request it makes next never seems to overlap this
        // one, however late this thread gets to run again.
        log_.Finish(*context.log_index, stream.last_send_at().value_or(Clock::now()),
                    context.reset_before_response ? 0 : context.status, stream.reset_requested());
      }
      if (!ok || connection_closed || stream.reset_requested()) break;
    }
    if (stream.reset_requested()) {
      // close() with a zero linger time sends an RST instead of a FIN.
      linger abort_on_close{1, 0};
      setsockopt(sock, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof(abort_on_close));
    } else {
      shutdown(sock, SHUT_RDWR);
    }
    close(sock);
    return ok;
  }

  // Runs after the request line and headers are read, before routing.
  void Begin(httplib::Request& req, RequestContext& context) {
    RecordedRequest r;
    r.host = host_.name;
    r.host_header = req.get_header_value("Host");
    r.local_address = req.local_addr;
    r.local_port = req.local_port;
    r.method = req.method;
    r.target = req.target;
    for (const auto& [name, value] : req.headers) {
      if (std::find(std::begin(kPseudoHeaders), std::end(kPseudoHeaders), name) ==
          std::end(kPseudoHeaders)) {
        r.headers.emplace_back(name, value);
      }
    }
    r.started_at = Clock::now();
    context.request = r;
    context.log_index = log_.Begin(std::move(r));
    // cpp-httplib would gzip or brotli text bodies for clients that accept it; the fixture
    // sends bytes exactly as routed, so hide the header from it (it is in the log).
    req.headers.erase("Accept-Encoding");
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    RequestContext& context = *t_request;
    context.request.body = req.body;
    FixtureHandler handler = routes_.Find(req.target);
    FixtureResponse response =
        handler ? handler(context.request) : FixtureResponse::Status(404, "not found\n");
    if (response.delay_before_headers.count() > 0 && stop_.WaitFor(response.delay_before_headers)) {
      context.stream->RequestReset();
    }
    if (response.reset_connection) {
      context.reset_before_response = true;
      context.stream->RequestReset();
    }
    if (context.stream->reset_requested()) return;
    res.status = response.status;
    context.status = response.status;
    SetBody(std::move(response), res, *context.stream);
  }

  void SetBody(FixtureResponse response, httplib::Response& res, ConnectionStream& stream) {
    FixtureHeaders headers = std::move(response.headers);
    const bool streamed = response.generated || response.trickle_bytes > 0 ||
                          response.reset_after_body_bytes.has_value();
    if (!streamed) {
      res.body = std::move(response.body);
    } else {
      std::optional<uint64_t> length = response.body.size();
      uint64_t cap = response.body.size();
      if (response.generated) {
        length = response.generated->length;
        cap = length.value_or(response.generated->cap_bytes);
      }
      const bool chunked = !length.has_value();
      auto provider = [this, &stream, cap, chunked, r = std::move(response)](
                          uint64_t offset, httplib::DataSink& sink) {
        return ProvidePiece(r, offset, cap, chunked, sink, stream);
      };
      if (length.has_value() && *length > 0) {
        res.set_content_provider(static_cast<size_t>(*length), "",
                                 [provider](size_t offset, size_t, httplib::DataSink& sink) {
                                   return provider(offset, sink);
                                 });
      } else if (!length.has_value()) {
        res.set_chunked_content_provider("", provider);
      }
      // The provider setters add a Content-Type of their own; the routed headers decide.
      res.headers.erase("Content-Type");
    }
    // Emplaced as they are: Response::set_header would drop a value containing CR or LF.
    for (auto& [name, value] : headers) res.headers.emplace(std::move(name), std::move(value));
    if (!res.has_header("Content-Type")) {
      // cpp-httplib would add "Content-Type: text/plain"; a placeholder keeps it from doing so
      // and the stream drops the placeholder's line from the header block.
      res.headers.emplace("Content-Type", kOmittedHeaderPlaceholder);
      stream.OmitLineOnce(std::string("Content-Type: ") + kOmittedHeaderPlaceholder + "\r\n");
    }
  }

  // Writes the next piece of a streamed body; false aborts the response (and the connection).
  // A body with a Content-Length (`chunked` false) that comes up short is aborted: its sink has
  // no done() to call.
  bool ProvidePiece(const FixtureResponse& r, uint64_t offset, uint64_t cap, bool chunked,
                    httplib::DataSink& sink, ConnectionStream& stream) const {
    if (stop_.IsRaised()) return false;
    if (r.reset_after_body_bytes && offset >= *r.reset_after_body_bytes) {
      stream.RequestReset();
      return false;
    }
    if (offset >= cap) {
      if (!chunked) return false;
      sink.done();
      return true;
    }
    uint64_t piece = std::min<uint64_t>(kStreamPieceBytes, cap - offset);
    if (r.trickle_bytes > 0) {
      piece = std::min<uint64_t>(piece, r.trickle_bytes);
      if (offset > 0 && stop_.WaitFor(r.trickle_interval)) return false;
    }
    if (r.reset_after_body_bytes) piece = std::min(piece, *r.reset_after_body_bytes - offset);
    std::string data;
    try {
      data = r.generated ? r.generated->generate(offset, static_cast<size_t>(piece))
                         : r.body.substr(static_cast<size_t>(offset), static_cast<size_t>(piece));
    } catch (const std::exception&) {
      // cpp-httplib calls providers outside its own try block; an escaping exception would
      // terminate the test binary, so a failing generator aborts the response instead.
      return false;
    }
    data.resize(std::min<size_t>(data.size(), static_cast<size_t>(piece)));
    if (data.empty()) {
      if (!chunked) return false;
      sink.done();
      return true;
    }
    return sink.write(data.data(), data.size());
  }

  FixtureHost host_;
  const FixtureServerOptions& options_;
  const StopSignal& stop_;
  RequestLog& log_;
  RouteTable routes_;
};

std::string TrimTrailingSlash(std::string url) {
  if (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string FixtureHost::BaseUrl() const {
  return "http://" + name + ":" + std::to_string(port) + "/";
}
std::string FixtureHost::AddressUrl() const {
  return "http://" + address + ":" + std::to_string(port) + "/";
}
std::string FixtureHost::Resolve() const {
  return name + ":" + std::to_string(port) + ":" + address;
}

class FixtureServer::Impl {
 public:
  explicit Impl(FixtureServerOptions options) : options_(std::move(options)) {}

  ~Impl() {
    stop_.Raise();
    for (auto& server : servers_) server->StopListening();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

  HostServer& Find(std::string_view name) const {
    for (const auto& server : servers_) {
      if (server->host().name == name) return *server;
    }
    throw std::invalid_argument("FixtureServer: unknown host " + std::string(name));
  }

  FixtureServerOptions options_;
  StopSignal stop_;
  RequestLog log_;
  std::vector<std::unique_ptr<HostServer>> servers_;
  std::vector<std::thread> threads_;
  bool started_ = false;
};

FixtureServer::FixtureServer() : FixtureServer(FixtureServerOptions{}) {}
FixtureServer::FixtureServer(FixtureServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
FixtureServer::~FixtureServer() = default;

void FixtureServer::AddHost(std::string name) {
  if (impl_->started_) throw std::logic_error("FixtureServer: AddHost after Start");
  const int octet = impl_->options_.first_address_octet + static_cast<int>(impl_->servers_.size());
  FixtureHost host{std::move(name), "127.0.0." + std::to_string(octet), 0};
  impl_->servers_.push_back(
      std::make_unique<HostServer>(std::move(host), impl_->options_, impl_->stop_, impl_->log_));
}

util::Result<void> FixtureServer::Start() {
  impl_->started_ = true;
  for (auto& server : impl_->servers_) {
    FixtureHost& host = server->host();
    host.port = server->bind_to_any_port(host.address);
    if (host.port <= 0) {
      return util::MakeError(util::ErrorCode::kNetwork,
                             "cannot bind " + host.address + " for " + host.name);
    }
  }
  for (auto& server : impl_->servers_) {
    HostServer* s = server.get();
    impl_->threads_.emplace_back([s] { s->listen_after_bind(); });
  }
  return {};
}

const FixtureHost& FixtureServer::Host(std::string_view name) const {
  return impl_->Find(name).host();
}

std::vector<FixtureHost> FixtureServer::Hosts() const {
  std::vector<FixtureHost> hosts;
  for (const auto& server : impl_->servers_) hosts.push_back(server->host());
  return hosts;
}

std::string FixtureServer::Url(std::string_view host, std::string_view target) const {
  return TrimTrailingSlash(Host(host).BaseUrl()) + std::string(target);
}

std::vector<std::string> FixtureServer::ResolveEntries() const {
  std::vector<std::string> entries;
  for (const auto& server : impl_->servers_) entries.push_back(server->host().Resolve());
  return entries;
}

std::vector<std::string> FixtureServer::ResolveArgs() const {
  std::vector<std::string> args;
  for (const std::string& entry : ResolveEntries()) args.insert(args.end(), {"--resolve", entry});
  return args;
}

void FixtureServer::Route(std::string_view host, std::string target, FixtureResponse response) {
  Route(host, std::move(target),
        [response = std::move(response)](const RecordedRequest&) { return response; });
}

void FixtureServer::Route(std::string_view host, std::string target, FixtureHandler handler) {
  impl_->Find(host).routes().Set(std::move(target), std::move(handler));
}

void FixtureServer::RouteSequence(std::string_view host, std::string target,
                                  std::vector<FixtureResponse> responses) {
  if (responses.empty()) throw std::invalid_argument("FixtureServer: empty RouteSequence");
  struct Sequence {
    std::mutex mu;
    std::vector<FixtureResponse> responses;
    size_t next = 0;
  };
  auto sequence = std::make_shared<Sequence>();
  sequence->responses = std::move(responses);
  Route(host, std::move(target), [sequence](const RecordedRequest&) {
    std::lock_guard<std::mutex> lock(sequence->mu);
    size_t i = std::min(sequence->next, sequence->responses.size() - 1);
    ++sequence->next;
    return sequence->responses[i];
  });
}

void FixtureServer::RoutePrefix(std::string_view host, std::string prefix, FixtureHandler handler) {
  impl_->Find(host).routes().SetPrefix(std::move(prefix), std::move(handler));
}

void FixtureServer::RedirectChain(std::string_view host, const std::vector<std::string>& targets,
                                  int status) {
  for (size_t i = 0; i + 1 < targets.size(); ++i) {
    Route(host, targets[i], FixtureResponse::Redirect(targets[i + 1], status));
  }
}

void FixtureServer::RedirectLoop(std::string_view host, const std::vector<std::string>& targets,
                                 int status) {
  for (size_t i = 0; i < targets.size(); ++i) {
    Route(host, targets[i], FixtureResponse::Redirect(targets[(i + 1) % targets.size()], status));
  }
}

std::vector<RecordedRequest> FixtureServer::Requests() const { return impl_->log_.Snapshot(); }

std::vector<RecordedRequest> FixtureServer::RequestsFor(std::string_view host) const {
  std::vector<RecordedRequest> all = Requests();
  std::erase_if(all, [host](const RecordedRequest& r) { return r.host != host; });
  return all;
}

size_t FixtureServer::CountFor(std::string_view host, std::string_view target) const {
  std::vector<RecordedRequest> all = RequestsFor(host);
  return static_cast<size_t>(std::count_if(
      all.begin(), all.end(), [target](const RecordedRequest& r) { return r.target == target; }));
}

bool FixtureServer::WaitUntilIdle(std::chrono::milliseconds timeout) const {
  return impl_->log_.WaitUntilIdle(timeout);
}

std::optional<std::chrono::steady_clock::duration> FixtureServer::MinStartGap(
    std::string_view host) const {
  WaitUntilIdle(impl_->options_.settle_timeout);
  return testing_support::MinStartGap(RequestsFor(host));
}

int FixtureServer::MaxConcurrentRequests(std::string_view host) const {
  WaitUntilIdle(impl_->options_.settle_timeout);
  return MaxConcurrent(RequestsFor(host));
}

}  // namespace testing_support
