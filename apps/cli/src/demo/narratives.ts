/**
 * What the units write, in Vietnamese, as they would in a report to the Provincial Party Office.
 * Every text that carries a figure starts with "Số liệu minh họa" (illustrative figures): the
 * directive gives only the province's target, the split per district is the demo's own.
 */
import { LAGGARD } from './district-figures.js';

export const ILLUSTRATIVE = 'Số liệu minh họa';

const number = new Intl.NumberFormat('vi-VN');
/** `15-7-2021`, as Vietnamese documents write dates. */
export const vnDay = (date: string): string => date.split('-').map(Number).reverse().join('-');
/** `1.171.200`, as Vietnamese documents write numbers. */
export const vn = (n: number): string => number.format(n);

const EARLY = [
  'Quán triệt Công văn 126-CV/TU đến các chi bộ; tuyên truyền trên hệ thống loa truyền thanh xã, phường.',
  'Phối hợp Công an huyện rà soát danh sách công dân từ đủ 14 tuổi trở lên chưa làm thẻ căn cước công dân.',
  'Một bộ phận người dân chưa hiểu rõ ý nghĩa của thẻ căn cước công dân gắn chíp; tiếp tục vận động tại ấp, khu phố.',
  'Điểm thu nhận hồ sơ đặt tại trụ sở Công an; số người đến làm thủ tục còn ít.',
];
const PEAK = [
  'Mở đợt cao điểm; tổ cấp căn cước công dân lưu động xuống ấp, khu phố, làm việc cả thứ Bảy, Chủ nhật.',
  'Huy động đoàn viên thanh niên hỗ trợ hướng dẫn kê khai; tổ chức thu nhận hồ sơ vào buổi tối.',
  'Ủy ban nhân dân hỗ trợ kinh phí, bố trí thêm điểm thu nhận hồ sơ tại các trường học.',
  'Tư pháp xã rà soát, điều chỉnh giấy tờ hộ tịch sai lệch để người dân kịp làm thẻ.',
];
const LATE = [
  'Rà soát từng hộ; đến tận nhà người cao tuổi, người khuyết tật để thu nhận hồ sơ.',
  'Tập trung các trường hợp đi làm ăn xa đã về địa phương; trả thẻ tận nhà cho người dân.',
  'Đối chiếu số liệu với Công an huyện; tiến độ đạt yêu cầu đề ra.',
];
const ISLAND = [
  'Nhiều ngư dân đi biển dài ngày chưa về; thời tiết xấu, tàu khách ra các xã đảo tạm ngưng.',
  'Tổ lưu động ra đảo Hòn Tre, Lại Sơn thu nhận hồ sơ; các xã An Sơn, Nam Du còn nhiều công dân chưa làm thủ tục.',
  'Thiết bị thu nhận lưu động còn thiếu; số hồ sơ thu nhận mỗi chuyến ra đảo còn hạn chế.',
];

function activity(unitId: string, date: string, turn: number): string {
  const pool = unitId === LAGGARD ? ISLAND : date < '2021-05-10' ? EARLY : date < '2021-06-10' ? PEAK : LATE;
  return pool[turn % pool.length]!;
}

/** A district's report on item 1: its cumulative figure, what it added, what it did. */
export function cardsNarrative(unitId: string, date: string, value: number, previous: number, turn: number): string {
  const added = previous > 0 ? ` (tăng ${vn(value - previous)} so với báo cáo trước)` : '';
  return `${ILLUSTRATIVE}. Lũy kế ${vn(value)} thẻ căn cước công dân đã cấp trên địa bàn${added}. ${activity(unitId, date, turn)}`;
}

/** A district's last report on item 1, the day it reaches its (illustrative) part. */
export function finalCardsNarrative(value: number, reached: boolean): string {
  const outcome = reached ? 'Hoàn thành phần chỉ tiêu được phân bổ' : 'Chưa hoàn thành phần chỉ tiêu được phân bổ; tiếp tục tổ chức cấp lưu động tại các xã đảo';
  return `${ILLUSTRATIVE}. ${outcome}: lũy kế ${vn(value)} thẻ căn cước công dân đã cấp.`;
}

export const TEXTS = {
  ack: (unitName: string) => `${unitName} đã tiếp nhận, phân công bộ phận chuyên môn triển khai thực hiện.`,
  itemFourReport: (cases: number) =>
    `${ILLUSTRATIVE}. Đã phát hành tài liệu tuyên truyền đến các ấp, khu phố; hỗ trợ kinh phí, trang thiết bị cho điểm cấp căn cước công dân; Phòng Tư pháp rà soát, điều chỉnh ${vn(cases)} trường hợp giấy tờ hộ tịch.`,
  itemFourDone: 'Hoàn thành tuyên truyền, vận động; đã hỗ trợ kinh phí, trang thiết bị, địa điểm; tư pháp đã rà soát, điều chỉnh giấy tờ hộ tịch phục vụ cấp căn cước công dân.',
  itemFiveReport: 'Vận động đoàn viên, hội viên đăng ký làm thẻ căn cước công dân; phối hợp Công an cơ sở tổ chức điểm thu nhận hồ sơ tại khu dân cư.',
  itemFiveDone: 'Hoàn thành tuyên truyền, vận động đoàn viên, hội viên và quần chúng nhân dân kê khai thông tin, làm thẻ căn cước công dân.',
  cardsDone: (value: number) => `${ILLUSTRATIVE}. Hoàn thành phần chỉ tiêu cấp căn cước công dân được phân bổ: lũy kế ${vn(value)} thẻ.`,
  policeReport: (applications: number, teams: number) =>
    `${ILLUSTRATIVE}. Lũy kế ${vn(applications)} hồ sơ cấp căn cước công dân đã thu nhận; ${teams} tổ cấp lưu động hoạt động, ưu tiên vùng sâu, vùng xa, biên giới, hải đảo.`,
  policeDone: (applications: number) =>
    `${ILLUSTRATIVE}. Hoàn thành đẩy nhanh thu nhận hồ sơ: lũy kế ${vn(applications)} hồ sơ; đã đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc.`,
  provinceReport: [
    'Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai; chỉ đạo các sở, ngành phối hợp, hỗ trợ lực lượng Công an cấp căn cước công dân.',
    `${ILLUSTRATIVE}. Hỗ trợ kinh phí cho 15 huyện, thành phố phục vụ cấp căn cước công dân lưu động.`,
  ],
  provinceDone: 'Đã chỉ đạo các cấp, các ngành phối hợp, hỗ trợ lực lượng Công an hoàn thành cấp căn cước công dân đúng tiến độ.',
  provinceRejected: 'Báo cáo chưa nêu kết quả hỗ trợ kinh phí cho các địa phương và việc khen thưởng; đề nghị bổ sung.',
  provinceRedone: `${ILLUSTRATIVE}. Bổ sung: hỗ trợ 4,5 tỷ đồng cho 15 huyện, thành phố; đã biểu dương, khen thưởng 12 tập thể, 25 cá nhân có thành tích xuất sắc.`,
  accepted: 'Đã kiểm tra kết quả thực hiện, đạt yêu cầu.',
  acceptedFigures: `Số liệu khớp với báo cáo của Công an tỉnh (${ILLUSTRATIVE.toLowerCase()}).`,
  blocker: 'Thiếu thiết bị thu nhận lưu động cho các xã đảo; chuyến tàu ra đảo phụ thuộc thời tiết.',
  blockerSupport: 'Đề nghị Công an tỉnh tăng cường tổ cấp căn cước công dân lưu động ra các xã đảo.',
  blockerResolved: 'Công an tỉnh đã tăng cường 2 tổ cấp lưu động ra các xã đảo An Sơn, Nam Du, Lại Sơn.',
  extensionReason: 'Nhiều ngư dân đi biển dài ngày, chưa về địa phương; cần thêm thời gian hoàn thành tuyên truyền và rà soát giấy tờ hộ tịch tại các xã đảo.',
  extensionGranted: (date: string) => `Đồng ý gia hạn đến ${vnDay(date)} đối với Huyện ủy Kiên Hải.`,
  commendation: `${ILLUSTRATIVE}. Hoàn thành sớm nhất phần chỉ tiêu cấp căn cước công dân được phân bổ; tổ chức cấp lưu động hiệu quả tại các xã đảo.`,
  closing: 'Kết thúc nhiệm vụ theo kết luận của Ban Thường vụ Tỉnh ủy.',
};

/** The monitor's note when the forecast has recovered, with the figures the dashboard shows. */
export function recoveryNote(date: string, reached: number, percent: number): string {
  return `${ILLUSTRATIVE}. Tiến độ đã phục hồi: đến sáng ngày ${vnDay(date)} lũy kế ${vn(reached)} thẻ (${String(percent).replace('.', ',')}% chỉ tiêu); theo tốc độ 7 ngày gần nhất, dự báo hoàn thành trước hạn 30-6-2021.`;
}
