<?php require 'header.php'; ?>
<h1>Đổi trả</h1>
<p>Quý khách có thể trả hàng trong vòng 7 ngày.</p>
