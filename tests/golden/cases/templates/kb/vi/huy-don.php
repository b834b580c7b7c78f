<?php include __DIR__ . '/header.php'; ?>
<h2>Tôi có thể hủy đơn hàng không?</h2>
<p><?= $greeting ?> Dạ, anh/chị có thể hủy đơn trong vòng 24 giờ sau khi đặt ạ.</p>
