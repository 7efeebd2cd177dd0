// The help page's link handling, so a link shared anywhere (a post, an email) opens the right answer:
//   /help?q=factura                  searches for "factura"
//   /help#/article/es/billing/refunds opens that article in Spanish (also /help?article=billing/refunds&locale=es)
//   /help?locale=en                  English interface
//   /help?conversation=<id>           opens that conversation, only for whoever proves it is theirs
// The address follows the visitor's searches and articles, so what they see is what they can share.
const widget = document.querySelector('atiende-widget');
await customElements.whenDefined('atiende-widget');

function fromAddress() {
  const params = new URLSearchParams(location.search);
  const hash = /^#\/article\/([a-z]{2})\/(.+)$/.exec(location.hash);
  // The widget ignores a locale it does not speak and falls back to the page's language.
  widget.locale = hash?.[1] ?? params.get('locale') ?? navigator.language;
  const article = hash ? decodeURIComponent(hash[2]) : params.get('article');
  if (params.get('conversation')) widget.conversation = params.get('conversation');
  if (article) {
    widget.article = ''; // the same link followed twice still opens the article
    widget.article = article;
  } else if (params.get('q')) {
    void widget.search(params.get('q'));
  }
}

fromAddress();
addEventListener('hashchange', fromAddress);

widget.addEventListener('atiende-article', ({ detail }) => {
  history.replaceState(null, '', `${location.pathname}#/article/${detail.locale}/${detail.slug}`);
  document.documentElement.lang = detail.locale;
});
widget.addEventListener('atiende-search', ({ detail }) => {
  const params = new URLSearchParams({ q: detail.query, locale: detail.locale });
  history.replaceState(null, '', `${location.pathname}?${params}`);
  document.documentElement.lang = detail.locale;
});
