// Help texts of the shop (English)
export default {
  returns: {
    title: 'Returns',
    body: 'You can return any item within 30 days of delivery.',
  },
  shipping: {
    title: 'Shipping',
    items: ['Orders ship within 2 business days.', 'Tracking is sent by email.'],
  },
  nav: { home: 'Home', cart: 'Cart', className: 'nav nav-pills' },
};
