// Trợ giúp (tiếng Việt)
export default {
  returns: {
    title: 'Đổi trả',
    body: "Quý khách có thể trả hàng trong vòng 14 ngày kể từ khi nhận hàng.",
  },
  shipping: {
    title: 'Giao hàng',
    items: ['Đơn hàng được gửi trong vòng 2 ngày làm việc.'],
  },
};
