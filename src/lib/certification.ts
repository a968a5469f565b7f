/** Browser-safe shapes and labels for certificates and post clearance (the server computes them). */
export type CertificateStatusName = 'valid' | 'review_due' | 'expired' | 'review_missed' | 'revoked';

export type NextActionName = 'none' | 'learn' | 'exam' | 'review' | 'practical' | 'contact' | 'wait';

export interface ClearanceItemData {
	tradeCode: string;
	tradeName: string;
	ok: boolean;
	reason: string;
	nextStep: string;
	certificateStatus?: CertificateStatusName;
	dueSoon: boolean;
	action: NextActionName;
}

export interface PostClearanceData {
	postId: number;
	post: string;
	enterprise: string;
	cleared: boolean;
	dueSoon: boolean;
	items: ClearanceItemData[];
}

/** Badge class for a certificate status. */
export function statusTone(status: string): 'ok' | 'warn' | 'bad' {
	if (status === 'valid') return 'ok';
	if (status === 'review_due') return 'warn';
	return 'bad';
}

/** Verification codes are printed in groups of 7 for reading aloud; spaces are ignored on input. */
export function groupCode(code: string): string {
	return code.replace(/(.{7})(?=.)/g, '$1 ');
}
