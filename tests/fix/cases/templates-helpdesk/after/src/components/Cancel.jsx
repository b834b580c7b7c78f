import React from 'react';

export const Cancel = () => (
  <section className="cancel">
    <h2>Can I cancel my order?</h2>
    <p>Orders &amp; gifts can be cancelled within 24 hours.</p>
  </section>
);
