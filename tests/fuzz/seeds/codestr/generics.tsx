function f<T,>(x: T): T { return <T>x; }
const g = <T extends object>(y: T) => y;
export const R = () => <section><h2>Returns</h2><p>{"Within 30 days."}</p></section>;
