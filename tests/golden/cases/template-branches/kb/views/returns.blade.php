<h2>How long do I have to return an item?</h2>
@if ($promo)
    <p>You can return items within 60 days.</p>
@else
    <p>You can return items within 30 days.</p>
@endif
