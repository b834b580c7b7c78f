import { Metadata } from "next";

// A page's metadata: its description shows in search results and is read;
// its keywords are a list of words for search engines, no statement.
export const metadata: Metadata = {
  title: "Return policy | Acme",
  description: "Free returns within 30 days of delivery.",
  keywords: "returns, refund, free 60 days, Acme",
};

export default function ReturnsPage() {
  return (
    <main>
      <h1>Return policy</h1>
      <p>You can return any item within 30 days of delivery.</p>
    </main>
  );
}
