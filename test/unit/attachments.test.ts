import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { attachmentCandidates, attachmentsOfField, bibtexFileField, fileNameOfKey, isOpenableAttachment, isWebAddress } from '../../src/core/formats/attachments';
import { parseBibliographyLibrary } from '../../src/core/formats/bibliographyLibrary';

const FIXTURES = join(__dirname, '..', 'fixtures', 'attachments');
const posix = { windows: false, home: '/home/ada' };
const windows = { windows: true, home: 'C:\\Users\\ada' };

describe('attachments', () => {
  describe('bibtexFileField', () => {
    it('reads the file field, braced or quoted, and not a "file =" inside another field', () => {
      assert.equal(bibtexFileField('@article{k,\n  title = {T},\n  file = {a.pdf}\n}'), 'a.pdf');
      assert.equal(bibtexFileField('@article{k, File = "a {b}.pdf", title={T}}'), 'a {b}.pdf');
      assert.equal(bibtexFileField('@article{k,\n  abstract = {the file = {x.pdf} here},\n  title = {T}\n}'), undefined);
      assert.equal(bibtexFileField('@article{k,\n  abstract = {the file = {x.pdf} here},\n  file = {y.pdf}}'), 'y.pdf');
      assert.equal(bibtexFileField('@article{k, year = 2020, file = {z.pdf}}'), 'z.pdf');
    });

    it('never throws on any text', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void bibtexFileField(`@article{k,${text}`)));
    });
  });

  describe('attachmentsOfField', () => {
    it('reads Zotero and Better BibTeX path lists, with escaped colons and semicolons', () => {
      assert.deepEqual(attachmentsOfField("~/BBTTEST/a.pdf;files/Anonymous\\:2010p7822/MobileHCI '10.pdf"), ['~/BBTTEST/a.pdf', "files/Anonymous:2010p7822/MobileHCI '10.pdf"]);
      assert.deepEqual(attachmentsOfField('~/BBTTEST/Literature\\; Or, Shoul.pdf'), ['~/BBTTEST/Literature; Or, Shoul.pdf']);
      assert.deepEqual(attachmentsOfField('~\\\\BBTTEST\\\\storage\\\\W.pdf'), ['~\\BBTTEST\\storage\\W.pdf']);
    });

    it('reads JabRef, Mendeley and Zotero description:path:type items', () => {
      assert.deepEqual(attachmentsOfField('Draft:JabRef\\\\a_draft.pdf:PDF;a.pdf:JabRef\\\\a.pdf:PDF'), ['JabRef\\a_draft.pdf', 'JabRef\\a.pdf']);
      assert.deepEqual(attachmentsOfField(':minimal.pdf:PDF'), ['minimal.pdf']);
      assert.deepEqual(attachmentsOfField('Full Text PDF:/Users/x/Zotero/storage/AB/x.pdf:application/pdf;Snapshot:/Users/x/s.html:text/html'), ['/Users/x/Zotero/storage/AB/x.pdf', '/Users/x/s.html']);
      assert.deepEqual(attachmentsOfField('main:C\\:\\\\Users\\\\u\\\\Zotero\\\\x.pdf:application/pdf'), ['C:\\Users\\u\\Zotero\\x.pdf']);
      assert.deepEqual(attachmentsOfField('Full Text:C:\\Users\\u\\x.pdf:application/pdf'), ['C:\\Users\\u\\x.pdf']);
      assert.deepEqual(attachmentsOfField(':Users/me/Documents/Mendeley Desktop/Smith{\\_}2010.pdf:pdf'), ['Users/me/Documents/Mendeley Desktop/Smith_2010.pdf']);
      assert.deepEqual(attachmentsOfField(':C$\\backslash$:/Users/me/Smith.pdf:pdf'), ['C:/Users/me/Smith.pdf']);
      assert.deepEqual(attachmentsOfField('C:\\papers\\x.pdf'), ['C:\\papers\\x.pdf']);
      assert.deepEqual(attachmentsOfField(':http\\://arxiv.org/pdf/2003.05580v3:PDF'), ['http://arxiv.org/pdf/2003.05580v3']);
    });

    it('never throws, and gives no empty path', () => {
      fc.assert(fc.property(fc.string({ maxLength: 100 }), (text) => attachmentsOfField(text).every((path) => path.trim() !== '')));
    });
  });

  describe('attachmentCandidates', () => {
    it('resolves relative paths against the library folder, ~ against home, and keeps absolute ones', () => {
      assert.deepEqual(attachmentCandidates('pdfs/a.pdf', '/work/refs', posix), ['/work/refs/pdfs/a.pdf', '/pdfs/a.pdf']);
      assert.deepEqual(attachmentCandidates('../a.pdf', '/work/refs', posix)[0], '/work/a.pdf');
      assert.deepEqual(attachmentCandidates('~/BBTTEST/a.pdf', '/work/refs', posix), ['/home/ada/BBTTEST/a.pdf']);
      assert.deepEqual(attachmentCandidates('/abs/a.pdf', '/work/refs', posix), ['/abs/a.pdf']);
      assert.deepEqual(attachmentCandidates('file:///abs/a%20b.pdf', '/work/refs', posix), ['/abs/a b.pdf']);
      assert.deepEqual(attachmentCandidates('http://arxiv.org/pdf/1', '/work/refs', posix), []);
    });

    it('turns the separators of a path written on the other system', () => {
      assert.deepEqual(attachmentCandidates('JabRef\\a.pdf', '/work/refs', posix)[0], '/work/refs/JabRef/a.pdf');
      assert.deepEqual(attachmentCandidates('~\\BBTTEST\\storage\\W.pdf', '/work', posix), ['/home/ada/BBTTEST/storage/W.pdf']);
      assert.deepEqual(attachmentCandidates('files/x/a.pdf', 'C:\\refs', windows), ['C:\\refs\\files\\x\\a.pdf']);
      assert.deepEqual(attachmentCandidates('C:/Users/me/a.pdf', 'D:\\refs', windows), ['C:\\Users\\me\\a.pdf']);
      assert.deepEqual(attachmentCandidates('\\\\server\\share\\a.pdf', 'D:\\refs', windows), ['\\\\server\\share\\a.pdf']);
      assert.deepEqual(attachmentCandidates('~/a.pdf', 'D:\\refs', windows), ['C:\\Users\\ada\\a.pdf']);
      assert.deepEqual(attachmentCandidates('file:///C:/Users/a%20b.pdf', 'D:\\refs', windows), ['C:\\Users\\a b.pdf']);
    });
  });

  it('opens only documents, never programs or web addresses', () => {
    for (const path of ['a.pdf', 'A.PDF', 'b.epub', 'c.html', 'd.htm']) assert.ok(isOpenableAttachment(path), path);
    for (const path of ['a.exe', 'a.pdf.sh', 'a.desktop', 'a.lnk', 'a.bat', 'pdf']) assert.ok(!isOpenableAttachment(path), path);
    assert.ok(isWebAddress('https://x.org/a.pdf'));
    assert.ok(!isWebAddress('C:\\a.pdf'));
  });

  it('makes a file name of any key, the same every time', () => {
    assert.equal(fileNameOfKey('smith2020'), 'smith2020');
    assert.equal(fileNameOfKey('Anonymous:2010p7822'), 'Anonymous_2010p7822');
    assert.equal(fileNameOfKey('a/b\\c*d?e"f<g>h|i'), 'a_b_c_d_e_f_g_h_i');
    assert.equal(fileNameOfKey('con'), '_con');
    assert.equal(fileNameOfKey('.hidden'), '_hidden');
    assert.equal(fileNameOfKey('trailing. '), 'trailing__');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (key) => {
        const name = fileNameOfKey(key);
        // eslint-disable-next-line no-control-regex
        return name === fileNameOfKey(key) && name.length > 0 && !/[<>:"/\\|?*\u0000-\u001f]/.test(name) && !/[. ]$/.test(name) && !name.startsWith('.');
      }),
    );
  });

  describe('real exports', () => {
    it('a Better BibTeX export gives every path of every file field', async () => {
      const file = join(FIXTURES, 'better-bibtex.bib');
      const { entries } = await parseBibliographyLibrary(readFileSync(file, 'utf8'), file, 'bibtex');
      const byKey = new Map(entries.map((e) => [e.key, e.attachments]));
      assert.deepEqual(byKey.get('Anonymous:2010p7822'), ["~/BBTTEST/MobileHCI '10 2010 Pielot.pdf", "files/Anonymous:2010p7822/MobileHCI '10 2010 Pielot.pdf"]);
      assert.deepEqual(byKey.get('Beck:2017'), ['~/BBTTEST/Beck and Stolterman - 2017 - Reviewing the Big Questions Literature; Or, Shoul.pdf']);
      assert.equal(byKey.get('Branzel:2013bw')?.length, 17);
      assert.ok(byKey.get('Branzel:2013bw')?.every((p) => p.endsWith('.pdf') && !p.includes('\\')));
      assert.deepEqual(byKey.get('wainwright-2007-GraphicalModelsExponential'), ['~\\BBTTEST\\storage\\Baltes_Staudinger_2000_Wisdom.pdf']);
      assert.deepEqual(byKey.get('Adams2001'), ['~/BBTTEST/storage/Adams_Huaynaputina.pdf']);
    });

    it('a JabRef file gives described, typed and web attachments', async () => {
      const file = join(FIXTURES, 'jabref.bib');
      const { entries } = await parseBibliographyLibrary(readFileSync(file, 'utf8'), file, 'bibtex');
      const aziz = entries.find((e) => e.key?.startsWith('Aziz2009'));
      assert.deepEqual(aziz?.attachments, [
        'JabRef\\Aziz2009256-ChannelNeuralRecordingandDeltaCompressionMicrosystemWith3DElectrodesIEEEJOURNALOFSOLID-STATECIRCUITS_draft.pdf',
        'JabRef\\Aziz2009256-ChannelNeuralRecordingandDeltaCompressionMicrosystemWith3DElectrodesIEEEJOURNALOFSOLID-STATECIRCUITS.pdf',
      ]);
      assert.deepEqual(entries.find((e) => e.key === 'Li2020')?.attachments, ['http://arxiv.org/pdf/2003.05580v3']);
      assert.equal(entries.filter((e) => e.attachments?.length).length, 5);
    });
  });
});
