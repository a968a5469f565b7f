/** File download responses with a UTF-8 (Chinese) file name. */
export function fileResponse(body: Uint8Array | string, fileName: string, contentType: string): Response {
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'no-store'
		}
	});
}

export const xlsxResponse = (body: Uint8Array, fileName: string) =>
	fileResponse(body, fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
