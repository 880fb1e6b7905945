import assert from 'node:assert/strict';
import fc from 'fast-check';
import { doiLink, isExternalLink, MAX_URL_LENGTH, paperLinks } from '../../src/core/model/paperLinks';

describe('paper links', () => {
  it('make a DOI, bare or already a link, a doi.org link', () => {
    assert.equal(doiLink('10.48550/arXiv.1706.03762'), 'https://doi.org/10.48550/arXiv.1706.03762');
    assert.equal(doiLink(' doi:10.1000/cook '), 'https://doi.org/10.1000/cook');
    assert.equal(doiLink('https://dx.doi.org/10.1000/cook'), 'https://doi.org/10.1000/cook');
    assert.equal(doiLink('10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0'), 'https://doi.org/10.1002/(SICI)1097-4571(199806)49%3A8%3C693%3A%3AAID-ASI4%3E3.0.CO%3B2-0');
  });

  it('accept only absolute http(s) URLs without credentials, spaces or control characters', () => {
    for (const url of ['https://arxiv.org/abs/1706.03762', 'http://example.org/a?b=c#d']) assert.ok(isExternalLink(url), url);
    const rejected = [
      'javascript:alert(1)',
      'command:workbench.action.quit',
      'file:///etc/passwd',
      'vscode://settings',
      'data:text/html,<script>',
      '//example.org',
      'example.org',
      'https://user:secret@example.org/',
      'https://example.org/a b',
      'https://example.org/\nx',
      `https://example.org/${'a'.repeat(MAX_URL_LENGTH)}`,
      42,
      undefined,
    ];
    for (const url of rejected) assert.equal(isExternalLink(url), false, String(url));
  });

  it('are a paper\'s DOI then URL, and only the ones that are http(s)', () => {
    assert.deepEqual(paperLinks({ doi: '10.1000/cook', url: 'https://example.org/cook' }), [
      { label: 'DOI 10.1000/cook', url: 'https://doi.org/10.1000/cook' },
      { label: 'https://example.org/cook', url: 'https://example.org/cook' },
    ]);
    assert.deepEqual(paperLinks({ url: 'javascript:alert(1)' }), []);
    assert.deepEqual(paperLinks({}), []);
  });

  it('never offer a link that is not http(s), whatever the DOI and URL say', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.oneof(fc.string(), fc.webUrl()), { nil: undefined }), (doi, url) => {
        for (const link of paperLinks({ doi, url })) assert.ok(isExternalLink(link.url) && /^https?:\/\//.test(link.url), link.url);
      }),
    );
  });
});
