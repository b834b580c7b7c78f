<%@ page contentType="text/html;charset=UTF-8" %>
<%-- <h2>old</h2> --%>
<h2>Đổi trả trong bao lâu?</h2>
<p>Đổi trả trong vòng ${policy.days} 7 ngày, <%= "miễn phí vận chuyển" %>.</p>
