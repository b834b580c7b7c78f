export const faqs = [
  { question: "Can I cancel my order?", answer: "Yes, you can cancel within 24 hours of placing it." },
  { question: "How long is shipping?", answer: `Delivery takes 3-5 business days.` },
];
