// A form post is a link a browser follows by submitting a form rather than by requesting a URL:
// ASP.NET WebForms pagers (`javascript:__doPostBack('ctl00$main$pager','3')` and
// WebForm_DoPostBackWithOptions) set two hidden fields and POST the page's form, view state
// included. newsarc runs no JavaScript, but these calls are fixed library functions: reading
// their literal arguments and serializing the form as a browser would is enough to reach the
// pages of listings that have no other pager and no previous/next chain.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/page_context.h"

namespace extract {

struct FormPost {
  // Identifies the page the post leads to, independent of the view state it carries: the
  // action URL with "#__doPostBack(target,argument)" as fragment (never sent: libcurl drops
  // fragments). Two posts of the same control and argument are the same page.
  std::string key_url;
  std::string action_url;  // absolute, where the form is POSTed
  // application/x-www-form-urlencoded, in the page's encoding: the form's successful controls
  // in tree order with __EVENTTARGET and __EVENTARGUMENT set.
  std::string body;
  std::string text;  // the text of the element that posts (下一页, 3, 尾页)
};

// The form posts of the page's links and buttons (href="javascript:__doPostBack(…)", onclick),
// deduplicated by key_url, in page order. A post whose element lies in no form uses the page's
// WebForms form (the one with __VIEWSTATE or __EVENTTARGET); without one there is none.
std::vector<FormPost> ReadFormPosts(const PageContext& ctx);

}  // namespace extract
