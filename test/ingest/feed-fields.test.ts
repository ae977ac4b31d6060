import { describe, expect, it } from 'vitest';
import { hostName, onlyTitle, titleText, unwrapRedirect, withoutSourceSuffix } from '../../pipeline/ingest/feed-fields.ts';

describe("a feed item's title, link and outlet", () => {
  it('a title marked up as HTML is read as text; a title with a "<" that is no tag stays as it is', () => {
    expect(titleText('Energy projects to jump <b>grid</b> queue', 'html')).toBe('Energy projects to jump grid queue');
    expect(titleText('Bills rise by <em>£123</em> &amp; more')).toBe('Bills rise by £123 & more');
    expect(titleText('Why 3 < 5 matters for the budget')).toBe('Why 3 < 5 matters for the budget');
    expect(titleText('  ', 'html')).toBeNull();
    // A title the feed types as HTML is read as HTML though it has no tag: its entities are escapes; a plain one's are text.
    expect(titleText('Tolls &amp; tunnels: the new charges', 'html')).toBe('Tolls & tunnels: the new charges');
    expect(titleText('Tolls &amp; tunnels: the new charges', 'text')).toBe('Tolls &amp; tunnels: the new charges');
  });

  it("a click-counting wrapper's destination is the link; an address that wraps nothing, or wraps no web address, is left alone", () => {
    expect(unwrapRedirect('https://www.google.com/url?rct=j&sa=t&url=https://www.example-news.co.uk/a&ct=ga')).toBe('https://www.example-news.co.uk/a');
    expect(unwrapRedirect('https://www.google.co.uk/url?q=https://example.org/b&sa=U')).toBe('https://example.org/b');
    expect(unwrapRedirect('https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fc&h=AT0')).toBe('https://example.org/c');
    expect(unwrapRedirect('https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fd&data=05')).toBe('https://example.org/d');
    expect(unwrapRedirect('https://www.google.com/search?q=https://example.org')).toBeNull();
    expect(unwrapRedirect('https://www.google.com/url?url=javascript:alert(1)')).toBeNull();
    expect(unwrapRedirect('https://example.org/url?url=https://elsewhere.example')).toBeNull();
    expect(unwrapRedirect('not a url')).toBeNull();
  });

  it("names a site by its address, and takes the outlet an aggregator appends off the title only when it names that outlet", () => {
    expect(hostName('https://www.example-news.co.uk/energy')).toBe('example-news.co.uk');
    expect(withoutSourceSuffix('Energy projects to jump grid queue - The Example News', 'The Example News')).toBe('Energy projects to jump grid queue');
    expect(withoutSourceSuffix('Energy projects to jump grid queue - The Example News', 'Other Outlet')).toBe('Energy projects to jump grid queue - The Example News');
    expect(withoutSourceSuffix('Bar - Foo', 'Foo')).toBe('Bar - Foo');
  });

  it('a body is no more than its title when it says only the title, perhaps with the outlet', () => {
    const title = 'Energy projects to jump grid queue';
    expect(onlyTitle(`<a href="https://news.example/x">${title}</a>&nbsp;&nbsp;<font color="#6f6f6f">The Example News</font>`, [title], 'The Example News')).toBe(true);
    expect(onlyTitle(title, [title], null)).toBe(true);
    expect(onlyTitle(`${title}. Developers of wind farms will be offered earlier connections.`, [title], null)).toBe(false);
  });
});
