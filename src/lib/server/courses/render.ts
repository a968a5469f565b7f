/**
 * Lesson Markdown → safe HTML. `marked` renders; `sanitize-html` then keeps only an allow-list
 * of tags and attributes, so course HTML can never run script (no <script>, no on* handlers,
 * no javascript: URLs), whatever a trainer or an import puts in.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'p',
		'br',
		'hr',
		'blockquote',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		'del',
		'code',
		'pre',
		'a',
		'img',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'details',
		'summary',
		'sup',
		'sub'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target'],
		img: ['src', 'alt', 'title'],
		th: ['align'],
		td: ['align'],
		ol: ['start']
	},
	// Relative links, https and mailto only; images only from the platform's own file store.
	allowedSchemes: ['https', 'mailto'],
	allowedSchemesByTag: { img: [] },
	allowProtocolRelative: false,
	exclusiveFilter: (frame) => frame.tag === 'img' && !String(frame.attribs.src ?? '').startsWith('/files/'),
	transformTags: {
		a: (tagName, attribs) => ({
			tagName,
			attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' }
		})
	}
};

export function renderMarkdown(markdown: string): string {
	return sanitizeHtml(marked.parse(markdown) as string, OPTIONS);
}
