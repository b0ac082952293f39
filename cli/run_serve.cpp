#include "cli/run_serve.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/app_options.h"
#include "cli/archive_errors.h"
#include "cli/serve_pages.h"
#include "cli/serve_routes.h"
#include "storage/archive.h"
#include "storage/audit_input.h"
#include "storage/url_report.h"
#include "util/error.h"
#include "util/log.h"

namespace cli {
namespace {

// Threads answering requests; each borrows an Archive connection of its own.
constexpr size_t kServerThreads = 4;
// A request (headers and body) larger than this is refused: the view only answers GETs.
constexpr size_t kMaxRequestBytes = 64 * 1024;

// No page loads anything from elsewhere: the view works offline and tells no one what is read.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'";

// Read-only connections to the archive, one per request in flight, opened when first needed
// and reused (an Archive is not thread-safe; opening one per request would also work, at the
// cost of a few file checks each time).
class ArchivePool {
 public:
  explicit ArchivePool(std::string path) : path_(std::move(path)) {}

  util::Result<storage::Archive> Take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        storage::Archive archive = std::move(idle_.back());
        idle_.pop_back();
        return archive;
      }
    }
    return storage::Archive::Open(path_, {.read_only = true});
  }

  const std::string& path() const { return path_; }

  void Give(storage::Archive archive) {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(archive));
  }

 private:
  std::string path_;
  std::mutex mutex_;
  std::vector<storage::Archive> idle_;
};

// SIGINT and SIGTERM stop the server: they are blocked in every thread (the server's threads,
// started later, inherit the mask) and taken by one thread with sigwait, which calls `stop`
// once the server runs. The destructor ends that thread and restores the signal mask.
class StopOnSignals {
 public:
  StopOnSignals(std::function<bool()> is_running, std::function<void()> stop) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, &old_mask_);
    waiter_ = std::thread([this, is_running = std::move(is_running), stop = std::move(stop)] {
      int signal = 0;
      sigwait(&signals_, &signal);
      // A signal before the server started listening waits for it to start (a few ms).
      std::unique_lock<std::mutex> lock(mutex_);
      while (!done_) {
        if (is_running()) {
          stop();
          return;
        }
        wake_.wait_for(lock, std::chrono::milliseconds(20));
      }
    });
  }

  ~StopOnSignals() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    pthread_kill(waiter_.native_handle(), SIGTERM);  // ends a sigwait still waiting
    waiter_.join();
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }

  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  sigset_t signals_{};
  sigset_t old_mask_{};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread waiter_;
};

std::string BaseUrl(const std::string& bind, int port) {
  std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  return "http://" + host + ":" + std::to_string(port) + "/";
}

std::string ArchiveName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Checks that the archive can be opened and read, as the other read commands do; the exit
// code when it cannot (the error said), or nullopt.
std::optional<int> CheckArchive(const std::string& db) {
  auto archive = storage::Archive::Open(db, {.read_only = true});
  if (!archive) return ReportArchiveOpenError(db, archive.error());
  if (auto schema = storage::CheckUrlReportSchema(*archive); !schema) {
    return ReportArchiveReadError(db, schema.error());
  }
  auto read = archive->BeginRead();
  if (!read) return ReportArchiveReadError(db, read.error());
  if (auto sites = storage::ReadAuditSites(*archive, std::nullopt); !sites) {
    return ReportArchiveReadError(db, sites.error());
  }
  return std::nullopt;
}

void Answer(ArchivePool& pool, const std::string& name, const httplib::Request& req,
            httplib::Response& res) {
  serve::ServeRequest request;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.params.emplace(key, value);
  auto archive = pool.Take();
  serve::ServeResponse response;
  if (!archive) {
    std::string message = ArchiveOpenErrorMessage(pool.path(), archive.error());
    util::LogError(message);
    response = {500, serve::RenderErrorPage(name, 500, message)};
  } else {
    response = serve::HandleServeRequest(*archive, name, request);
    pool.Give(std::move(*archive));
  }
  res.status = response.status;
  res.set_content(response.body, "text/html; charset=utf-8");
}

}  // namespace

namespace internal {

bool IsLoopbackAddress(const std::string& address) {
  if (address == "localhost" || address == "::1") return true;
  if (address.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : address) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace internal

int RunServe(const ServeCommandOptions& options) {
  if (auto failed = CheckArchive(options.db)) return *failed;
  if (!internal::IsLoopbackAddress(options.bind)) {
    util::LogWarning("serving on " + options.bind +
                     ", not a loopback address: anyone who can reach it can read the archive");
  }
  std::string name = ArchiveName(options.db);
  ArchivePool pool(options.db);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  server.set_payload_max_length(kMaxRequestBytes);
  // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, with which a second serve on
  // the same port would bind too and share the connections instead of failing.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"}});
  // Read-only: GET and HEAD (answered as GET without the body) only.
  server.set_pre_routing_handler([name](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD")
      return httplib::Server::HandlerResponse::Unhandled;
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content(serve::RenderErrorPage(name, 405, "this view is read-only: only GET and HEAD"),
                    "text/html; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get(".*", [&pool, name](const httplib::Request& req, httplib::Response& res) {
    Answer(pool, name, req, res);
  });
  // What the server refuses itself (a malformed request, one too large) gets a page too.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([name](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content(serve::RenderErrorPage(name, res.status, "the request cannot be answered"),
                        "text/html; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [name](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
        std::string what = "unexpected failure";
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          what += std::string(": ") + ex.what();
        } catch (...) {
        }
        util::LogError(what, {{"path", req.path}});
        res.status = 500;
        res.set_content(serve::RenderErrorPage(name, 500, what), "text/html; charset=utf-8");
      });
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    util::LogInfo(
        "served",
        {{"method", req.method}, {"path", req.path}, {"status", std::to_string(res.status)}});
  });

  int port = options.port;
  bool bound = port == 0 ? (port = server.bind_to_any_port(options.bind)) > 0
                         : server.bind_to_port(options.bind, port);
  if (!bound) {
    util::LogError("serve: cannot listen on " + options.bind + " port " +
                   std::to_string(options.port) +
                   ": the port is in use, or the address is not one of this machine's");
    return util::kExitFailure;
  }
  StopOnSignals signals([&server] { return server.is_running(); }, [&server] { server.stop(); });
  std::cout << "serving " << options.db << " at " << BaseUrl(options.bind, port) << std::endl;
  if (!options.quiet) {
    std::cerr << "Read-only view of the archive; Ctrl-C stops it.\n";
  }
  server.listen_after_bind();
  return util::kExitOk;
}

void SetupServe(CLI::App& app, RunState& state) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "serve",
      "Serve a read-only web view of the archive on this machine (loopback unless --bind\n"
      "says otherwise): sites, sections and articles with their versions and diffs, search,\n"
      "the audit, and each site's timeline of articles per month with its gaps. Prints\n"
      "'serving FILE at http://ADDRESS:PORT/' once listening; Ctrl-C or SIGTERM stops it\n"
      "(exit 0). Safe while a crawl writes to the archive.");
  sub->add_option("--db", options->db, "Archive file (SQLite)")->required();
  sub->add_option("--port", options->port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--bind", options->bind,
                  "Address to listen on; anything but loopback lets others read the archive")
      ->capture_default_str();
  sub->callback([options, &state, &app] {
    options->quiet = app.count("--quiet") > 0;
    state.exit_code = RunServe(*options);
  });
}

}  // namespace cli
