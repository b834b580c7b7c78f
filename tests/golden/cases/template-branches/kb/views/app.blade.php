@if ($app)
    <h2>How long do I have to return an item?</h2>
    <p>You can return items within 14 days.</p>
@else
    <h2>How long do I have to return an item?</h2>
    <p>You can return items within 14 days.</p>
@endif
