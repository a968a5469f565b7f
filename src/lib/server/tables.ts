/**
 * Reads an uploaded table (.xlsx or .csv) into rows of trimmed strings. Row 1 is the header;
 * the row numbers callers report are these indexes + 1, as a spreadsheet shows them.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export class TableFormatError extends Error {}

function cellText(value: ExcelJS.CellValue): string {
	if (value == null) return '';
	if (typeof value === 'object') {
		if (value instanceof Date) return value.toISOString().slice(0, 10);
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('result' in value) return value.result == null ? '' : String(value.result);
		if ('text' in value) return String(value.text);
		if ('error' in value) return '';
	}
	return String(value);
}

export async function readXlsxRows(data: ArrayBuffer | Buffer): Promise<string[][]> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(data as ArrayBuffer);
	} catch {
		throw new TableFormatError('无法读取该 Excel 文件，请确认是 .xlsx 格式（不支持旧版 .xls）');
	}
	const sheet = wb.worksheets[0];
	if (!sheet) throw new TableFormatError('Excel 文件中没有工作表');
	const rows: string[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
		const cells: string[] = [];
		for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
		rows[rowNumber - 1] = cells;
	});
	for (let i = 0; i < rows.length; i++) rows[i] ??= [];
	return rows;
}

export function readCsvRows(text: string): string[][] {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
	return parsed.data.map((r) => r.map((c) => String(c ?? '').trim()));
}

/** Dispatches on the file name; throws TableFormatError with a Chinese message. */
export async function readTableFile(file: File): Promise<string[][]> {
	const name = file.name.toLowerCase();
	if (file.size === 0) throw new TableFormatError('文件为空');
	if (file.size > 10 * 1024 * 1024) throw new TableFormatError('文件超过 10 MB');
	if (name.endsWith('.xlsx')) return readXlsxRows(await file.arrayBuffer());
	if (name.endsWith('.csv')) return readCsvRows(await file.text());
	throw new TableFormatError('只支持 .xlsx 或 .csv 文件');
}

export async function buildXlsx(
	sheets: { name: string; rows: (string | number | null)[][]; widths?: number[] }[]
) {
	const wb = new ExcelJS.Workbook();
	for (const s of sheets) {
		const ws = wb.addWorksheet(s.name);
		for (const r of s.rows) ws.addRow(r);
		ws.getRow(1).font = { bold: true };
		s.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}
