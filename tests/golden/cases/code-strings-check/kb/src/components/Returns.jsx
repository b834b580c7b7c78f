import React from 'react';

export const Returns = () => (
  <section className="returns">
    <h2>Returns</h2>
    <p>Items can be returned within 30 days &amp; refunds are free.</p>
  </section>
);
