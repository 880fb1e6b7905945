// TeX math symbols and the Unicode characters LaTeX prints for them.

/** Greek letters and common symbols of titles' math (`$\epsilon$`, `C$\emptyset$C$\emptyset$`), by command name. */
export const MATH_SYMBOLS: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ',
  Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'ϒ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  emptyset: '∅',
  varnothing: '∅',
  infty: '∞',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  times: '×',
  cdot: '⋅',
  pm: '±',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  in: '∈',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  sum: '∑',
  prod: '∏',
  partial: '∂',
  nabla: '∇',
  ell: 'ℓ',
  hbar: 'ℏ',
  forall: '∀',
  exists: '∃',
  oplus: '⊕',
  otimes: '⊗',
  cdots: '⋯',
};

/**
 * Text with the TeX math commands a CSL item keeps (as pandoc's reading does) printed as
 * LaTeX prints them, as pandoc's own citeproc output shows them: `C\emptysetc\emptyset` → `C∅c∅`.
 * Other commands are left as they are.
 */
export function typesetMathSymbols(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([A-Za-z]+)/g, (command, name: string) => (Object.hasOwn(MATH_SYMBOLS, name) ? MATH_SYMBOLS[name] : command));
}
