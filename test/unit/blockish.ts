import fc from 'fast-check';

const piece = fc.constantFrom(
  ...['\n', '\n\n', '\r\n', '\r', ' ', '    ', '\t', '- ', '1. ', '> ', '```', '```\n', '~~~\n', '````\n', '<!--', '-->', '<pre>', '</pre>', '<div>'],
  ...['---\n', '+++\n', '[x]: #limo\n', '[x]', '`', '@', '[@', ']', ';', '-@', '@{', '}', 'limo', 'nope', 'me@', '\\', '*', '_', '#', '|', 'x'],
  ...['<script>', '</script>', '<?', '?>', '<!X', '<![CDATA[', ']]>', '===\n', '[^1]: ', '[^1]', '# ', '| a |\n|---|\n', '(', ')', '<http://a@b>', '~~', '\t- '],
);

/**
 * Text dense in what decides where Markdown blocks start and end, perhaps after a BOM. (Only
 * one: the note scanner misplaces citations after a second BOM.)
 */
export const blockish = fc.tuple(fc.constantFrom('', '\uFEFF'), fc.string({ unit: piece, maxLength: 50 })).map(([bom, text]) => bom + text);
