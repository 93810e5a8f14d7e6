// Token kinds produced by the lexer. They are small integers because the token stream is stored in
// typed arrays (type, start, end, flags) to keep lexing a large file cheap.

/** Token kinds. */
export const T = {
  EOF: 0,
  Newline: 1,
  Ident: 2,
  Number: 3,
  OQuote: 4,
  CQuote: 5,
  QuotedLit: 6,
  OHeredoc: 7,
  CHeredoc: 8,
  StringLit: 9,
  TemplateInterp: 10,
  TemplateControl: 11,
  TemplateSeqEnd: 12,
  OBrace: 13,
  CBrace: 14,
  OBrack: 15,
  CBrack: 16,
  OParen: 17,
  CParen: 18,
  Comma: 19,
  Dot: 20,
  Ellipsis: 21,
  Equal: 22,
  Colon: 23,
  Question: 24,
  FatArrow: 25,
  DoubleColon: 26,
  Plus: 27,
  Minus: 28,
  Star: 29,
  Slash: 30,
  Percent: 31,
  Bang: 32,
  EqualOp: 33,
  NotEqual: 34,
  Lt: 35,
  Gt: 36,
  Lte: 37,
  Gte: 38,
  And: 39,
  Or: 40,
  Invalid: 41,
} as const;

/** One token kind. */
export type TokenType = (typeof T)[keyof typeof T];

/** Flag bit: a `${~`/`%{~` opener or `~}` closer. */
export const F_STRIP = 1;
/** Flag bit: the lexer already reported an error for this token; the parser stays quiet about it. */
export const F_REPORTED = 2;
/** Flag bit: a `<<-` heredoc opener, whose lines lose their common indentation. */
export const F_FLUSH = 4;

/** How each token kind is named in diagnostics. */
export const TOKEN_NAMES: Record<TokenType, string> = {
  [T.EOF]: 'end of file',
  [T.Newline]: 'newline',
  [T.Ident]: 'identifier',
  [T.Number]: 'number',
  [T.OQuote]: 'opening quote',
  [T.CQuote]: 'closing quote',
  [T.QuotedLit]: 'string',
  [T.OHeredoc]: 'heredoc',
  [T.CHeredoc]: 'heredoc marker',
  [T.StringLit]: 'string',
  [T.TemplateInterp]: '"${"',
  [T.TemplateControl]: '"%{"',
  [T.TemplateSeqEnd]: '"}"',
  [T.OBrace]: '"{"',
  [T.CBrace]: '"}"',
  [T.OBrack]: '"["',
  [T.CBrack]: '"]"',
  [T.OParen]: '"("',
  [T.CParen]: '")"',
  [T.Comma]: '","',
  [T.Dot]: '"."',
  [T.Ellipsis]: '"..."',
  [T.Equal]: '"="',
  [T.Colon]: '":"',
  [T.Question]: '"?"',
  [T.FatArrow]: '"=>"',
  [T.DoubleColon]: '"::"',
  [T.Plus]: '"+"',
  [T.Minus]: '"-"',
  [T.Star]: '"*"',
  [T.Slash]: '"/"',
  [T.Percent]: '"%"',
  [T.Bang]: '"!"',
  [T.EqualOp]: '"=="',
  [T.NotEqual]: '"!="',
  [T.Lt]: '"<"',
  [T.Gt]: '">"',
  [T.Lte]: '"<="',
  [T.Gte]: '">="',
  [T.And]: '"&&"',
  [T.Or]: '"||"',
  [T.Invalid]: 'invalid character',
};
