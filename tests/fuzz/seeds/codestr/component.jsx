export const A = () => (<>
  <div className="faq-title">Đổi trả</div>
  <p><strong>Q?</strong><br/>Trong vòng 7 ngày &amp; {"miễn phí"} {x ? "a b" : <b>c</b>}</p>
  <Item question="Q?" answer={`A ${x}`} {...rest} />
</>);
