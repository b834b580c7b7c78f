export default function Returns() {
  return (
    <section>
      <h2>Can I return an item?</h2>
      <p>Returns are accepted within {days} 30 days of delivery, unworn and with tags.</p>
      <h2>Who pays for return shipping?</h2>
      <p>Return shipping is free for faulty items; otherwise it costs $5.</p>
    </section>
  );
}
